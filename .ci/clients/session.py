"""One RoomService session through the client openapi-python-client generates
from the fixed openapi.json: every reply is parsed into its generated type
(success or failure model) and checked.

    PYTHONPATH=DIR_WITH_liveroom_client python session.py http://127.0.0.1:PORT

The client is `openapi-python-client generate --path openapi.json --meta none
--config opc.yaml --output-path liveroom_client` (package liveroom_client).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TypeVar, assert_type

from liveroom_client import Client
from liveroom_client.api.default import (
    add_anchor,
    create_room,
    get_anchor_url,
    get_anchors,
    get_custom_info,
    get_room_list,
    login,
    logout,
    set_custom_field,
)
from liveroom_client.models import (
    AddAnchorErrorCode,
    AddAnchorFailure,
    AddAnchorReply,
    AddAnchorRequest,
    CreateRoomReply,
    CreateRoomRequest,
    GetAnchorsErrorCode,
    GetAnchorsFailure,
    GetAnchorsReply,
    GetAnchorsRequest,
    GetAnchorUrlReply,
    GetAnchorUrlRequest,
    GetCustomInfoReply,
    GetCustomInfoRequest,
    GetRoomListReply,
    GetRoomListRequest,
    LoginReply,
    LogoutReply,
    Operation,
    Room,
    SetCustomFieldReply,
    SetCustomFieldRequest,
)


R = TypeVar("R")


def success(name: str, reply: object, kind: type[R]) -> R:
    """The reply as the interface's success model, or a failure that says why."""
    if not isinstance(reply, kind):
        raise AssertionError(f"{name}: expected {kind.__name__}, got {reply!r}")
    return reply


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(f"check failed: {what}")
    print(f"ok: {what}")


def main(server: str) -> None:
    client = Client(base_url=server, raise_on_unexpected_status=True)
    user = f"py-{os.getpid()}-{time.time_ns()}"

    # login
    signed_in = success(
        "login",
        login.sync(client=client, sdk_app_id="1400000000", user_id=user, user_sig=f"sig-{user}", platform="Python"),
        LoginReply,
    )
    check(signed_in.code == 0 and signed_in.user_id == user and signed_in.token != "", f"login: {user} has a token")
    token = signed_in.token

    # get_anchor_url
    urls = success(
        "get_anchor_url",
        get_anchor_url.sync(client=client, body=GetAnchorUrlRequest(user_id=user), user_id=user, token=token),
        GetAnchorUrlReply,
    )
    check(urls.push_url.startswith("rtmp://") and urls.accelerate_url.startswith("rtmp://"), "get_anchor_url: push and play URLs")

    # create_room
    created = success(
        "create_room",
        create_room.sync(client=client, body=CreateRoomRequest(user_id=user, room_info="session.py"), user_id=user, token=token),
        CreateRoomReply,
    )
    room = created.room_id
    check(room != "", f"create_room: {room}")

    # add_anchor, with the push URL get_anchor_url gave
    joined = success(
        "add_anchor",
        add_anchor.sync(
            client=client,
            body=AddAnchorRequest(room_id=room, user_id=user, user_name="Py", push_url=urls.push_url),
            user_id=user, token=token,
        ),
        AddAnchorReply,
    )
    check(joined.code == 0 and joined.message != "" and joined.timestamp > 0, "add_anchor: the envelope alone")

    # get_room_list, page by page (other clients of the server may have made rooms)
    mine: list[Room] = []
    for index in range(0, 10_000, 100):
        page = success(
            "get_room_list",
            get_room_list.sync(client=client, body=GetRoomListRequest(cnt=100, index=index), user_id=user, token=token),
            GetRoomListReply,
        )
        mine = [r for r in page.rooms if r.room_id == room]
        if mine or not page.rooms:
            break
    check(len(mine) == 1 and mine[0].room_creator == user and mine[0].room_info == "session.py", "get_room_list: the room, by its creator")

    # get_anchors
    anchors = success(
        "get_anchors",
        get_anchors.sync(client=client, body=GetAnchorsRequest(room_id=room), user_id=user, token=token),
        GetAnchorsReply,
    )
    check(
        anchors.room_id == room and anchors.room_creator == user and any(a.user_id == user for a in anchors.pushers),
        "get_anchors: the creator is an anchor",
    )

    # set_custom_field: set, then inc
    set_title = success(
        "set_custom_field",
        set_custom_field.sync(
            client=client,
            body=SetCustomFieldRequest(room_id=room, field_name="title", operation=Operation.SET, value="hello"),
            user_id=user, token=token,
        ),
        SetCustomFieldReply,
    )
    check(set_title.code == 0, "set_custom_field: set title")
    for step in (2, 3):
        inc = success(
            "set_custom_field",
            set_custom_field.sync(
                client=client,
                body=SetCustomFieldRequest(room_id=room, field_name="praise", operation=Operation.INC, value=step),
                user_id=user, token=token,
            ),
            SetCustomFieldReply,
        )
        check(inc.code == 0, f"set_custom_field: inc praise by {step}")

    # get_custom_info
    custom = success(
        "get_custom_info",
        get_custom_info.sync(client=client, body=GetCustomInfoRequest(room_id=room), user_id=user, token=token),
        GetCustomInfoReply,
    )
    fields = custom.custom.additional_properties
    check(fields.get("title") == "hello" and fields.get("praise") == 5, "get_custom_info: title and praise")

    # Two error replies: typed failures, their codes the interfaces' own.
    missing = get_anchors.sync(client=client, body=GetAnchorsRequest(room_id=room + "-missing"), user_id=user, token=token)
    # `sync` is typed: the interface's success or failure model (None only
    # for a status the document does not list, which raise_on_unexpected_status
    # turns into an exception). mypy checks this line; at run time it is a no-op.
    assert_type(missing, GetAnchorsFailure | GetAnchorsReply | None)
    check(
        isinstance(missing, GetAnchorsFailure) and missing.code == GetAnchorsErrorCode.GET_PUSHERS_FAILED,
        f"get_anchors of a missing room: {getattr(missing, 'code', None)!r}",
    )
    refused = add_anchor.sync_detailed(
        client=client,
        body=AddAnchorRequest(room_id=room + "-missing", user_id=user, push_url=urls.push_url),
        user_id=user, token=token,
    ).parsed
    check(
        isinstance(refused, AddAnchorFailure) and refused.code == AddAnchorErrorCode.GET_PUSHERS_FAILED,
        f"add_anchor to a missing room: {getattr(refused, 'code', None)!r}",
    )

    # logout
    out = success("logout", logout.sync(client=client, user_id=user, token=token), LogoutReply)
    check(out.code == 0, "logout")
    print("session.py: 14 calls, every reply as its generated type")


if __name__ == "__main__":
    main(sys.argv[1])
