//! What the interfaces of sessions, rooms and anchors do (interfaces.md
//! §2–§10): one `Answer` per `api` request type, returning that interface's
//! reply payload or an error with a code the interface declares
//! (`Interface::errors`; tests/contract.rs checks every one).
//!
//! The order of the checks is ours: the token (in the handler), then the
//! body's `userID` (201003), then `roomID` (201004), then the rest.

use std::time::Instant;

use liveroom_errors::ErrorCode;
use liveroom_errors::api::{self, AuthQuery};
use liveroom_errors::wire::ServerError;

use super::service::{Answer, Member, Room, Service, fail, no_room, not_in, room_id, same_user};

impl Answer for api::LogoutRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::LogoutReply, ServerError> {
        service.logout(&caller.token);
        Ok(api::LogoutReply)
    }
}

impl Answer for api::GetRoomListRequest {
    fn answer(
        self,
        service: &mut Service,
        _: &AuthQuery,
    ) -> Result<api::GetRoomListReply, ServerError> {
        if self.cnt == 0 {
            return Err(fail(ErrorCode::MissingRoomListCount, "cnt is 0 or absent"));
        }
        let page = service
            .rooms
            .iter()
            .skip(self.index as usize)
            .take(self.cnt as usize);
        let rooms = page
            .map(|room| {
                // A JSON-encoded string here, an object in get_custom_info (§3, §16).
                let custom = serde_json::to_string(&room.custom)
                    .map_err(|error| fail(ErrorCode::GetRoomListFailed, error))?;
                Ok(api::Room {
                    room_id: room.id.clone(),
                    room_info: room.info.clone(),
                    room_creator: room.creator.clone(),
                    mixed_play_url: room.mixed_play_url.clone(),
                    pushers: room.pushers(),
                    custom,
                    audience_count: u32::try_from(room.audiences.len()).unwrap_or(u32::MAX),
                    // Never sent: each of its two shapes breaks one client (§3).
                    audiences: None,
                })
            })
            .collect::<Result<_, ServerError>>()?;
        Ok(api::GetRoomListReply { rooms })
    }
}

impl Answer for api::GetAnchorUrlRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::GetAnchorUrlReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let stream = service.stream(&caller.user_id);
        Ok(api::GetAnchorUrlReply {
            push_url: stream.push_url.clone(),
            accelerate_url: stream.accelerate_url.clone(),
        })
    }
}

impl Answer for api::CreateRoomRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::CreateRoomReply, ServerError> {
        same_user(&self.user_id, caller)?;
        if self.room_info.len() > service.limits.max_room_info {
            let limit = service.limits.max_room_info;
            return Err(fail(
                ErrorCode::RoomNameTooLong,
                format_args!("roomInfo is over {limit} bytes"),
            ));
        }
        let id = match self.room_id() {
            Some(id) if service.room(id).is_some() => {
                return Err(fail(
                    ErrorCode::CreateRoomFailed,
                    format_args!("room {id:?} exists"),
                ));
            }
            Some(id) => id.to_owned(),
            None => service.new_room_id(),
        };
        let mixed_play_url = service.mixed_play_url(&caller.user_id, &id);
        service.rooms.push(Room {
            id: id.clone(),
            info: self.room_info,
            creator: caller.user_id.clone(),
            mixed_play_url,
            status: 0,
            anchors: Vec::new(),
            audiences: Vec::new(),
            custom: Default::default(),
        });
        Ok(api::CreateRoomReply { room_id: id })
    }
}

impl Answer for api::DestroyRoomRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::DestroyRoomReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let id = room_id(&self.room_id)?;
        let Some(index) = service.rooms.iter().position(|room| room.id == id) else {
            return Err(no_room(ErrorCode::DestroyRoomFailed, id));
        };
        if service.rooms[index].creator != caller.user_id {
            return Err(fail(
                ErrorCode::DestroyRoomFailed,
                "only its creator destroys a room",
            ));
        }
        service.rooms.remove(index);
        Ok(api::DestroyRoomReply)
    }
}

impl Answer for api::GetAnchorsRequest {
    fn answer(
        self,
        service: &mut Service,
        _: &AuthQuery,
    ) -> Result<api::GetAnchorsReply, ServerError> {
        let id = room_id(&self.room_id)?;
        let room = service
            .room(id)
            .ok_or_else(|| no_room(ErrorCode::GetPushersFailed, id))?;
        Ok(api::GetAnchorsReply {
            room_id: room.id.clone(),
            room_info: room.info.clone(),
            room_creator: room.creator.clone(),
            mixed_play_url: room.mixed_play_url.clone(),
            room_status_code: room.status,
            pushers: room.pushers(),
        })
    }
}

impl Answer for api::AddAnchorRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::AddAnchorReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let id = room_id(&self.room_id)?;
        // The push URL must be the one get_anchor_url gave this user; the
        // anchor's play URL is that stream's (§8).
        let accelerate_url = match service.streams.get(&caller.user_id) {
            Some(stream) if stream.push_url == self.push_url => stream.accelerate_url.clone(),
            _ => {
                return Err(fail(
                    ErrorCode::InvalidPushUrl,
                    "pushURL is not the one get_anchor_url gave this user",
                ));
            }
        };
        let max_anchors = service.limits.max_anchors;
        let room = service
            .room_mut(id)
            .ok_or_else(|| no_room(ErrorCode::EnterRoomFailed, id))?;
        let anchor = api::Anchor {
            user_id: self.user_id,
            user_name: self.user_name,
            user_avatar: self.user_avatar,
            accelerate_url,
        };
        let now = Instant::now();
        let known = room
            .anchors
            .iter()
            .position(|member| member.anchor.user_id == anchor.user_id);
        match known {
            // Joining again (after a rejoin, say) updates the entry.
            Some(index) => {
                let member = &mut room.anchors[index];
                member.last_beat = now;
                if member.anchor != anchor {
                    member.anchor = anchor;
                    room.anchors_changed();
                }
            }
            None if room.anchors.len() >= max_anchors => {
                return Err(fail(
                    ErrorCode::TooManyPushers,
                    format_args!("room {id:?} has {max_anchors} anchors"),
                ));
            }
            None => {
                room.anchors.push(Member {
                    anchor,
                    last_beat: now,
                });
                room.anchors_changed();
            }
        }
        Ok(api::AddAnchorReply)
    }
}

impl Answer for api::DeleteAnchorRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::DeleteAnchorReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let id = room_id(&self.room_id)?;
        let room = service
            .room_mut(id)
            .ok_or_else(|| no_room(ErrorCode::DeletePusherFailed, id))?;
        let before = room.anchors.len();
        room.anchors
            .retain(|member| member.anchor.user_id != caller.user_id);
        if room.anchors.len() == before {
            return Err(not_in(id));
        }
        room.anchors_changed();
        Ok(api::DeleteAnchorReply)
    }
}

impl Answer for api::AnchorHeartbeatRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::AnchorHeartbeatReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let id = room_id(&self.room_id)?;
        // Dropped for silence, never joined, or the room is gone: either way
        // the anchor must join again (Recovery::Rejoin for this interface).
        let room = service.room_mut(id).ok_or_else(|| not_in(id))?;
        let member = room
            .anchors
            .iter_mut()
            .find(|member| member.anchor.user_id == caller.user_id);
        member.ok_or_else(|| not_in(id))?.last_beat = Instant::now();
        // A new roomStatusCode always comes with the pushers (§10).
        if self.room_status_code == room.status {
            return Ok(api::AnchorHeartbeatReply::default());
        }
        Ok(api::AnchorHeartbeatReply {
            room_status_code: Some(room.status),
            pushers: Some(room.pushers()),
        })
    }
}
