//! What the interfaces of a room's audience, stream mix and custom fields do
//! (interfaces.md §11–§16), like `rooms.rs` for the others.

use liveroom_errors::ErrorCode;
use liveroom_errors::api::{self, AuthQuery, CustomValue, Operation};
use liveroom_errors::wire::ServerError;

use super::service::{Answer, Service, fail, no_room, not_in, room_id, same_user};

impl Answer for api::AddAudienceRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::AddAudienceReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let id = room_id(&self.room_id)?;
        let max_audiences = service.limits.max_audiences;
        let room = service
            .room_mut(id)
            .ok_or_else(|| no_room(ErrorCode::AddAudienceFailed, id))?;
        // userInfo is kept as sent: compact or pretty-printed JSON text (§11).
        let known = room
            .audiences
            .iter()
            .position(|viewer| viewer.user_id == self.user_id);
        match known {
            Some(index) => room.audiences[index].user_info = self.user_info,
            None if room.audiences.len() >= max_audiences => {
                return Err(fail(
                    ErrorCode::AudienceFull,
                    format_args!("room {id:?} is full"),
                ));
            }
            None => room.audiences.push(api::Audience {
                user_id: self.user_id,
                user_info: self.user_info,
            }),
        }
        Ok(api::AddAudienceReply)
    }
}

impl Answer for api::DeleteAudienceRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::DeleteAudienceReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let id = room_id(&self.room_id)?;
        let room = service.room_mut(id).ok_or_else(|| not_in(id))?;
        let before = room.audiences.len();
        room.audiences
            .retain(|viewer| viewer.user_id != caller.user_id);
        if room.audiences.len() == before {
            return Err(not_in(id));
        }
        Ok(api::DeleteAudienceReply)
    }
}

impl Answer for api::GetAudiencesRequest {
    fn answer(
        self,
        service: &mut Service,
        _: &AuthQuery,
    ) -> Result<api::GetAudiencesReply, ServerError> {
        let id = room_id(&self.room_id)?;
        let room = service
            .room(id)
            .ok_or_else(|| no_room(ErrorCode::GetAudiencesFailed, id))?;
        Ok(api::GetAudiencesReply {
            audiences: room.audiences.clone(),
            audience_count: Some(u32::try_from(room.audiences.len()).unwrap_or(u32::MAX)),
        })
    }
}

impl Answer for api::MergeStreamRequest {
    fn answer(
        self,
        service: &mut Service,
        caller: &AuthQuery,
    ) -> Result<api::MergeStreamReply, ServerError> {
        same_user(&self.user_id, caller)?;
        let id = room_id(&self.room_id)?;
        let interface = &self.merge_params.interface;
        let para = &interface.para;
        if interface.interface_name.is_empty()
            || para.interface.is_empty()
            || para.output_stream_id.is_empty()
            || para.input_stream_list.is_empty()
        {
            return Err(fail(
                ErrorCode::MissingMixParameters,
                "mergeParams needs interfaceName, para.interface, para.output_stream_id and para.input_stream_list",
            ));
        }
        if service.room(id).is_none() {
            return Err(no_room(ErrorCode::MixStreamFailed, id));
        }
        // A PK mix takes another room's anchor, so any stream this service
        // handed out will do. A stream it never handed out fails the mix,
        // inside a success (§14): merge_code 1 and its text are ours.
        let unknown = para.input_stream_list.iter().find(|input| {
            !service
                .streams
                .values()
                .any(|stream| stream.id == input.input_stream_id)
        });
        Ok(match unknown {
            Some(input) => api::MergeStreamReply {
                merge_code: 1,
                merge_message: format!("no stream {:?} was handed out here", input.input_stream_id),
            },
            None => api::MergeStreamReply {
                merge_code: 0,
                merge_message: "Success!".into(),
            },
        })
    }
}

impl Answer for api::SetCustomFieldRequest {
    fn answer(
        self,
        service: &mut Service,
        _: &AuthQuery,
    ) -> Result<api::SetCustomFieldReply, ServerError> {
        let id = room_id(&self.room_id)?;
        let operation = match self.operation {
            _ if self.field_name.is_empty() => {
                return Err(fail(
                    ErrorCode::EmptyCustomFieldNameOrOperation,
                    "fieldName is empty",
                ));
            }
            None => {
                return Err(fail(
                    ErrorCode::EmptyCustomFieldNameOrOperation,
                    "operation is empty",
                ));
            }
            Some(Operation::Other(name)) if name.is_empty() => {
                return Err(fail(
                    ErrorCode::EmptyCustomFieldNameOrOperation,
                    "operation is empty",
                ));
            }
            Some(Operation::Other(name)) => {
                return Err(fail(
                    ErrorCode::UnsupportedCustomFieldOperation,
                    format_args!("operation {name:?}"),
                ));
            }
            Some(operation) => operation,
        };
        let room = service
            .room_mut(id)
            .ok_or_else(|| no_room(ErrorCode::SetCustomFieldFailed, id))?;
        let value = match (operation, self.value) {
            (Operation::Set, None) => {
                return Err(fail(ErrorCode::EmptyCustomFieldValue, "no value"));
            }
            (Operation::Set, Some(CustomValue::Text(text))) if text.is_empty() => {
                return Err(fail(ErrorCode::EmptyCustomFieldValue, "the value is empty"));
            }
            (Operation::Set, Some(value)) => value,
            (operation, step) => {
                let current = room.custom.get(&self.field_name);
                count(current, step, operation == Operation::Dec)?
            }
        };
        room.custom.insert(self.field_name, value);
        Ok(api::SetCustomFieldReply)
    }
}

/// A counter after `inc` (or `dec`) by `step`: 1 when absent (Android sends
/// no value it cannot type, §15), a number, or text holding one (iOS turns a
/// string into a number, so a server may see either). A field not yet set
/// counts from 0; integers stay exact, and a fraction makes a float.
fn count(
    current: Option<&CustomValue>,
    step: Option<CustomValue>,
    down: bool,
) -> Result<CustomValue, ServerError> {
    let number = |value: &CustomValue| match value {
        CustomValue::Text(text) => text
            .trim()
            .parse::<i64>()
            .map(CustomValue::Integer)
            .or_else(|_| text.trim().parse::<f64>().map(CustomValue::Float))
            .ok()
            .filter(|value| value.as_f64().is_some_and(f64::is_finite)),
        number => Some(number.clone()),
    };
    let step = match step {
        None => CustomValue::Integer(1),
        Some(step) => number(&step)
            .ok_or_else(|| fail(ErrorCode::SetCustomFieldFailed, "the value is not a number"))?,
    };
    let current = match current {
        None => CustomValue::Integer(0),
        Some(CustomValue::Text(_)) => {
            return Err(fail(
                ErrorCode::SetCustomFieldFailed,
                "the field holds text, not a number",
            ));
        }
        Some(number) => number.clone(),
    };
    let result = match (&current, &step) {
        (CustomValue::Integer(a), CustomValue::Integer(b)) => {
            let sum = if down {
                a.checked_sub(*b)
            } else {
                a.checked_add(*b)
            };
            sum.map(CustomValue::Integer)
        }
        _ => {
            let (a, b) = (
                current.as_f64().unwrap_or(0.0),
                step.as_f64().unwrap_or(0.0),
            );
            Some(CustomValue::Float(if down { a - b } else { a + b }))
                .filter(|sum| sum.as_f64().is_some_and(f64::is_finite))
        }
    };
    result.ok_or_else(|| {
        fail(
            ErrorCode::SetCustomFieldFailed,
            "the counter would overflow",
        )
    })
}

impl Answer for api::GetCustomInfoRequest {
    fn answer(
        self,
        service: &mut Service,
        _: &AuthQuery,
    ) -> Result<api::GetCustomInfoReply, ServerError> {
        let id = room_id(&self.room_id)?;
        let room = service
            .room(id)
            .ok_or_else(|| no_room(ErrorCode::GetCustomFieldFailed, id))?;
        Ok(api::GetCustomInfoReply {
            custom: room.custom.clone(),
        })
    }
}
