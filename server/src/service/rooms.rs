//! Sessions, rooms and anchors (protocol.md §2–§10), and how rooms live and
//! die: a room ends when its creator leaves (`delete_anchor`, `destroy_room`)
//! or stops beating; a user anchors one room at a time, and joining or
//! creating another *moves* them (out of the room they were a guest of, or
//! ending the one they created).

use liveroom_errors::ErrorCode;
use liveroom_errors::api::{self, AuthQuery};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::model::{self, Member, Room, Stream, decode, encode};
use super::{Service, Step, at_most, check_id, new_id, no_room, refuse, room_id, same_user, save};
use crate::store::{Abort, Tx};

/// Where the made-up URLs point: `.invalid` names no real host (RFC 2606).
const PUSH_HOST: &str = "rtmp://push.liveroom.invalid/live";
const PLAY_HOST: &str = "rtmp://play.liveroom.invalid/live";
const MIX_HOST: &str = "http://play.liveroom.invalid/live";

fn store<T>(result: Result<T, crate::store::StoreError>) -> Step<T> {
    result.map_err(Abort::Store)
}

pub(super) async fn logout(
    _: &api::LogoutRequest,
    _: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::LogoutReply> {
    tx.del(&model::session_key(&caller.token));
    Ok(api::LogoutReply {})
}

pub(super) async fn get_room_list(
    request: &api::GetRoomListRequest,
    service: &Service,
    tx: &mut Tx,
    _: &AuthQuery,
) -> Step<api::GetRoomListReply> {
    if request.cnt == 0 {
        return refuse(ErrorCode::MissingRoomListCount, "cnt is 0 or absent");
    }
    let (skip, wanted) = (request.index as usize, request.cnt as usize);
    let ids = store(tx.zrange(&model::rooms_key()).await)?;
    let mut rooms = Vec::new();
    let mut alive = 0;
    // Pages of the index until the page asked for is full; rooms found gone
    // (their key expired with their creator's heartbeat) leave the index.
    for chunk in ids.chunks(64) {
        let keys: Vec<String> = chunk.iter().map(|id| model::room_key(id)).collect();
        let texts = store(tx.get_many(&keys).await)?;
        for (id, text) in chunk.iter().zip(texts) {
            let room = text.and_then(|text| decode::<Room>(&text));
            let Some(mut room) = room.filter(|room| room.expires_at > tx.now()) else {
                tx.zrem_unless(&model::rooms_key(), id, &model::room_key(id));
                continue;
            };
            alive += 1;
            if alive <= skip {
                continue;
            }
            room.prune(tx.now(), service.heartbeat_ms(), service.audience_ms());
            // A JSON-encoded string here, an object in get_custom_info (§3, §16).
            let custom = serde_json::to_string(&room.custom).unwrap_or_else(|_| "{}".into());
            rooms.push(api::Room {
                audience_count: room.audience_count(),
                pushers: room.pushers(),
                room_id: room.id,
                room_info: room.info,
                room_creator: room.creator,
                mixed_play_url: room.mixed_play_url,
                custom,
                // Never sent: each of its two shapes breaks one client (§3).
                audiences: None,
            });
            if rooms.len() == wanted {
                return Ok(api::GetRoomListReply { rooms });
            }
        }
    }
    Ok(api::GetRoomListReply { rooms })
}

/// The stream of `user`, if one was handed out and is still kept.
async fn stream_of(tx: &mut Tx, user: &str) -> Step<Option<Stream>> {
    let text = store(tx.get(&model::stream_key(user)).await)?;
    Ok(text.and_then(|text| decode(&text)))
}

/// Keeps `user`'s stream (`id`) until `until`.
fn keep_stream(tx: &mut Tx, user: &str, id: &str, until: u64) {
    tx.expire_at(&model::stream_key(user), until);
    tx.expire_at(&model::stream_id_key(id), until);
}

/// Forgets `member`'s stream: a new one is handed out next time.
fn free_stream(tx: &mut Tx, member: &Member) {
    tx.del(&model::stream_key(&member.user_id));
    tx.del(&model::stream_id_key(&member.stream_id));
}

pub(super) async fn get_anchor_url(
    request: &api::GetAnchorUrlRequest,
    _: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::GetAnchorUrlReply> {
    same_user(&request.user_id, caller)?;
    let until = tx.after(model::STREAM_GRACE);
    // The same stream every time, as long as it is kept.
    let stream = match stream_of(tx, &caller.user_id).await? {
        Some(stream) => {
            keep_stream(tx, &caller.user_id, &stream.id, until);
            stream
        }
        None => {
            let id = new_id("stream_");
            let key = "txSecret=liveroom&txTime=ffffffff";
            let stream = Stream {
                push_url: format!("{PUSH_HOST}/{id}?{key}"),
                accelerate_url: format!("{PLAY_HOST}/{id}?{key}"),
                id,
            };
            tx.set(&model::stream_key(&caller.user_id), encode(&stream), until);
            tx.set(
                &model::stream_id_key(&stream.id),
                caller.user_id.clone(),
                until,
            );
            stream
        }
    };
    Ok(api::GetAnchorUrlReply {
        push_url: stream.push_url,
        accelerate_url: stream.accelerate_url,
    })
}

/// Ends `room`: it leaves the list at once, its anchors' streams are freed
/// (but `keep`'s, who is moving to a room of their own with it) and its
/// members learn it from their next call.
fn end_room(tx: &mut Tx, room: &Room, keep: Option<&str>) {
    tx.del(&model::room_key(&room.id));
    tx.zrem_unless(&model::rooms_key(), &room.id, &model::room_key(&room.id));
    tx.del(&model::anchoring_key(&room.creator));
    for member in &room.anchors {
        tx.del(&model::anchoring_key(&member.user_id));
        if Some(member.user_id.as_str()) != keep {
            free_stream(tx, member);
        }
    }
}

/// One room per anchor: before `user` creates a room or joins `except` as an
/// anchor, the room they anchor now ends (theirs) or loses them (a guest's).
async fn leave_previous(
    service: &Service,
    tx: &mut Tx,
    user: &str,
    except: Option<&str>,
) -> Step<()> {
    let Some(previous) = store(tx.get(&model::anchoring_key(user)).await)? else {
        return Ok(());
    };
    if Some(previous.as_str()) == except {
        return Ok(());
    }
    let Some(mut room) = service.room(tx, &previous).await? else {
        return Ok(());
    };
    if room.creator == user {
        end_room(tx, &room, Some(user));
    } else if let Some(at) = room.anchors.iter().position(|m| m.user_id == user) {
        room.anchors.remove(at);
        room.anchors_changed();
        save(tx, &room);
    }
    Ok(())
}

pub(super) async fn create_room(
    request: &api::CreateRoomRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::CreateRoomReply> {
    same_user(&request.user_id, caller)?;
    let limit = service.limits.max_room_info;
    if request.room_info.len() > limit {
        return refuse(
            ErrorCode::RoomNameTooLong,
            format_args!("roomInfo is over {limit} bytes"),
        );
    }
    let id = match request.requested_room_id() {
        Some(id) => {
            check_id("roomID", id, service.limits.max_room_id).map_err(Abort::Op)?;
            if service.room(tx, id).await?.is_some() {
                return refuse(
                    ErrorCode::CreateRoomFailed,
                    format_args!("room {id:?} exists; ask for another roomID, or none"),
                );
            }
            id.to_owned()
        }
        None => new_id("room_"),
    };
    leave_previous(service, tx, &caller.user_id, None).await?;
    // The mix is named after the creator's stream, as the clients name the
    // mix's output stream (§14); one room per creator, so one mix per room.
    let mixed_play_url = match stream_of(tx, &caller.user_id).await? {
        Some(stream) => format!("{MIX_HOST}/{}.flv", stream.id),
        None => format!("{MIX_HOST}/{}.flv", path_segment(&id)),
    };
    let room = Room {
        id: id.clone(),
        info: request.room_info.clone(),
        creator: caller.user_id.clone(),
        mixed_play_url,
        status: 0,
        expires_at: tx.after(service.heartbeat_ms()),
        anchors: Vec::new(),
        audiences: Vec::new(),
        custom: Default::default(),
    };
    save(tx, &room);
    let order = i64::try_from(tx.now_us()).unwrap_or(i64::MAX);
    tx.zadd(&model::rooms_key(), order, &id);
    tx.set(
        &model::anchoring_key(&caller.user_id),
        id.clone(),
        room.expires_at,
    );
    Ok(api::CreateRoomReply { room_id: id })
}

pub(super) async fn destroy_room(
    request: &api::DestroyRoomRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::DestroyRoomReply> {
    same_user(&request.user_id, caller)?;
    let id = room_id(&request.room_id)?;
    let Some(room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::DestroyRoomFailed, id);
    };
    if room.creator != caller.user_id {
        return refuse(
            ErrorCode::MalformedRequest,
            "only the room's creator may destroy it",
        );
    }
    end_room(tx, &room, None);
    Ok(api::DestroyRoomReply {})
}

pub(super) async fn get_anchors(
    request: &api::GetAnchorsRequest,
    service: &Service,
    tx: &mut Tx,
    _: &AuthQuery,
) -> Step<api::GetAnchorsReply> {
    let id = room_id(&request.room_id)?;
    let Some(room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::GetPushersFailed, id);
    };
    Ok(api::GetAnchorsReply {
        pushers: room.pushers(),
        room_id: room.id,
        room_info: room.info,
        room_creator: room.creator,
        mixed_play_url: room.mixed_play_url,
        room_status_code: room.status,
    })
}

pub(super) async fn add_anchor(
    request: &api::AddAnchorRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::AddAnchorReply> {
    same_user(&request.user_id, caller)?;
    let id = room_id(&request.room_id)?;
    at_most("userName", &request.user_name, service.limits.max_user_text)?;
    at_most(
        "userAvatar",
        &request.user_avatar,
        service.limits.max_user_text,
    )?;
    // The push URL must be the one get_anchor_url gave this user; the
    // anchor's play URL is that stream's (§8).
    let stream = match stream_of(tx, &caller.user_id).await? {
        Some(stream) if stream.push_url == request.push_url => stream,
        _ => {
            return refuse(
                ErrorCode::InvalidPushUrl,
                "pushURL is not the one get_anchor_url gave this user; ask get_anchor_url again",
            );
        }
    };
    let Some(mut room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::GetPushersFailed, id);
    };
    let now = tx.now();
    let member = Member {
        user_id: caller.user_id.clone(),
        user_name: request.user_name.clone(),
        user_avatar: request.user_avatar.clone(),
        accelerate_url: stream.accelerate_url.clone(),
        stream_id: stream.id.clone(),
        last_beat: now,
    };
    match room
        .anchors
        .iter()
        .position(|m| m.user_id == caller.user_id)
    {
        // Joining again (after a rejoin, say) updates the entry.
        Some(at) => {
            let changed = room.anchors[at].anchor() != member.anchor();
            room.anchors[at] = member;
            if changed {
                room.anchors_changed();
            }
        }
        None if room.anchors.len() >= service.limits.max_anchors => {
            let max = service.limits.max_anchors;
            return refuse(
                ErrorCode::TooManyPushers,
                format_args!("room {id:?} has {max} anchors"),
            );
        }
        None => {
            leave_previous(service, tx, &caller.user_id, Some(id)).await?;
            room.anchors.push(member);
            room.anchors_changed();
        }
    }
    beat(service, tx, &mut room, &caller.user_id, &stream.id);
    save(tx, &room);
    Ok(api::AddAnchorReply {})
}

/// `user`, an anchor of `room`, is alive: so are their stream and their
/// place, and the room itself when they created it.
fn beat(service: &Service, tx: &mut Tx, room: &mut Room, user: &str, stream: &str) {
    let until = tx.after(service.heartbeat_ms());
    if room.creator == user {
        room.expires_at = until;
    }
    tx.set(&model::anchoring_key(user), room.id.clone(), until);
    keep_stream(tx, user, stream, until.max(tx.after(model::STREAM_GRACE)));
}

pub(super) async fn delete_anchor(
    request: &api::DeleteAnchorRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::DeleteAnchorReply> {
    same_user(&request.user_id, caller)?;
    let id = room_id(&request.room_id)?;
    let Some(mut room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::DeletePusherFailed, id);
    };
    // The only way the Android and iOS creators ever leave (§6, §9).
    if room.creator == caller.user_id {
        end_room(tx, &room, None);
        return Ok(api::DeleteAnchorReply {});
    }
    let Some(at) = room
        .anchors
        .iter()
        .position(|m| m.user_id == caller.user_id)
    else {
        return refuse(
            ErrorCode::MemberNotInRoom,
            format_args!("the caller is not an anchor of room {id:?}"),
        );
    };
    let member = room.anchors.remove(at);
    room.anchors_changed();
    tx.del(&model::anchoring_key(&caller.user_id));
    free_stream(tx, &member);
    save(tx, &room);
    Ok(api::DeleteAnchorReply {})
}

pub(super) async fn anchor_heartbeat(
    request: &api::AnchorHeartbeatRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::AnchorHeartbeatReply> {
    same_user(&request.user_id, caller)?;
    let id = room_id(&request.room_id)?;
    let Some(mut room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::GetPushersFailed, id);
    };
    let Some(at) = room
        .anchors
        .iter()
        .position(|m| m.user_id == caller.user_id)
    else {
        // Dropped for silence, or never joined: join again (add_anchor).
        return refuse(
            ErrorCode::MemberNotInRoom,
            format_args!("the caller is not an anchor of room {id:?}; join it again"),
        );
    };
    room.anchors[at].last_beat = tx.now();
    let stream = room.anchors[at].stream_id.clone();
    beat(service, tx, &mut room, &caller.user_id, &stream);
    save(tx, &room);
    // A new roomStatusCode always comes with the pushers (§10).
    if request.room_status_code == room.status {
        return Ok(api::AnchorHeartbeatReply::default());
    }
    Ok(api::AnchorHeartbeatReply {
        room_status_code: Some(room.status),
        pushers: Some(room.pushers()),
    })
}

/// `id` as one segment of a URL path: every byte but the unreserved ones
/// (RFC 3986) percent-encoded, so that a roomID such as `../x?txSecret=y`
/// cannot point players at another path or stream.
fn path_segment(id: &str) -> String {
    const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(id, RESERVED).to_string()
}
