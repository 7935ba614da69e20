//! A room's audience, stream mix and custom fields (protocol.md §11–§16).

use liveroom_errors::ErrorCode;
use liveroom_errors::api::{self, AuthQuery, CustomValue, Operation};

use super::model::{self, Viewer};
use super::{
    Fail, Service, Step, at_most, check_id, fail, no_room, refuse, room_id, same_user, save,
};
use crate::store::{Abort, Tx};

/// The most input streams of one mix looked up: the legacy CGI mixes four (§14).
const MAX_MIX_INPUTS: usize = 16;

pub(super) async fn add_audience(
    request: &api::AddAudienceRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::AddAudienceReply> {
    same_user(&request.user_id, caller)?;
    let id = room_id(&request.room_id)?;
    at_most("userInfo", &request.user_info, service.limits.max_user_text)?;
    let Some(mut room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::AddAudienceFailed, id);
    };
    let now = tx.now();
    // userInfo is kept as sent: compact or pretty-printed JSON text (§11).
    match room
        .audiences
        .iter()
        .position(|v| v.user_id == caller.user_id)
    {
        Some(at) => {
            room.audiences[at].user_info.clone_from(&request.user_info);
            room.audiences[at].seen = now;
        }
        None if room.audiences.len() >= service.limits.max_audiences => {
            return refuse(ErrorCode::AudienceFull, format_args!("room {id:?} is full"));
        }
        None => room.audiences.push(Viewer {
            user_id: caller.user_id.clone(),
            user_info: request.user_info.clone(),
            seen: now,
        }),
    }
    save(tx, &room);
    Ok(api::AddAudienceReply {})
}

pub(super) async fn delete_audience(
    request: &api::DeleteAudienceRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::DeleteAudienceReply> {
    same_user(&request.user_id, caller)?;
    let id = room_id(&request.room_id)?;
    let not_in = || {
        refuse(
            ErrorCode::MemberNotInRoom,
            format_args!("the caller is not in the audience of room {id:?}"),
        )
    };
    let Some(mut room) = service.room(tx, id).await? else {
        return not_in();
    };
    let Some(at) = room
        .audiences
        .iter()
        .position(|v| v.user_id == caller.user_id)
    else {
        return not_in();
    };
    room.audiences.remove(at);
    save(tx, &room);
    Ok(api::DeleteAudienceReply {})
}

pub(super) async fn get_audiences(
    request: &api::GetAudiencesRequest,
    service: &Service,
    tx: &mut Tx,
    _: &AuthQuery,
) -> Step<api::GetAudiencesReply> {
    let id = room_id(&request.room_id)?;
    let Some(room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::GetAudiencesFailed, id);
    };
    let audience_count = Some(room.audience_count());
    let audiences = room
        .audiences
        .into_iter()
        .map(|viewer| api::Audience {
            user_id: viewer.user_id,
            user_info: viewer.user_info,
        })
        .collect();
    Ok(api::GetAudiencesReply {
        audiences,
        audience_count,
    })
}

pub(super) async fn merge_stream(
    request: &api::MergeStreamRequest,
    service: &Service,
    tx: &mut Tx,
    caller: &AuthQuery,
) -> Step<api::MergeStreamReply> {
    same_user(&request.user_id, caller)?;
    let id = room_id(&request.room_id)?;
    let interface = &request.merge_params.interface;
    let para = &interface.para;
    // Named by their whole path in the body, as a client must fill them (§14).
    let required = [
        (
            interface.interface_name.is_empty(),
            "mergeParams.interface.interfaceName",
        ),
        (
            para.interface.is_empty(),
            "mergeParams.interface.para.interface",
        ),
        (
            para.output_stream_id.is_empty(),
            "mergeParams.interface.para.output_stream_id",
        ),
        (
            para.input_stream_list.is_empty(),
            "mergeParams.interface.para.input_stream_list",
        ),
    ];
    if let Some((_, path)) = required.iter().find(|(missing, _)| *missing) {
        return refuse(
            ErrorCode::MissingMixParameters,
            format_args!("{path} is absent or empty"),
        );
    }
    if service.room(tx, id).await?.is_none() {
        return no_room(ErrorCode::GetPushersFailed, id);
    }
    // A PK mix takes another room's anchor, so any stream this service
    // handed out (and still keeps) will do. Another fails the mix inside a
    // success (§14): merge_code 1 and its text are ours.
    let inputs: Vec<&str> = para
        .input_stream_list
        .iter()
        .map(|input| input.input_stream_id.as_str())
        .take(MAX_MIX_INPUTS)
        .collect();
    let keys: Vec<String> = inputs.iter().map(|id| model::stream_id_key(id)).collect();
    let owners = tx.get_many(&keys).await.map_err(Abort::Store)?;
    let unknown = inputs
        .iter()
        .zip(&owners)
        .find(|(_, owner)| owner.is_none());
    let too_many = para.input_stream_list.len() > MAX_MIX_INPUTS;
    Ok(match (unknown, too_many) {
        (Some((input, _)), _) => api::MergeStreamReply {
            merge_code: 1,
            merge_message: format!("no stream {input:?} was handed out here"),
        },
        (None, true) => api::MergeStreamReply {
            merge_code: 1,
            merge_message: format!("a mix takes at most {MAX_MIX_INPUTS} streams"),
        },
        (None, false) => api::MergeStreamReply {
            merge_code: 0,
            merge_message: "Success!".into(),
        },
    })
}

pub(super) async fn set_custom_field(
    request: &api::SetCustomFieldRequest,
    service: &Service,
    tx: &mut Tx,
    _: &AuthQuery,
) -> Step<api::SetCustomFieldReply> {
    let id = room_id(&request.room_id)?;
    let operation = match &request.operation {
        _ if request.field_name.is_empty() => {
            return refuse(
                ErrorCode::EmptyCustomFieldNameOrOperation,
                "fieldName is empty",
            );
        }
        None => {
            return refuse(
                ErrorCode::EmptyCustomFieldNameOrOperation,
                "operation is empty",
            );
        }
        Some(Operation::Other(name)) if name.is_empty() => {
            return refuse(
                ErrorCode::EmptyCustomFieldNameOrOperation,
                "operation is empty",
            );
        }
        Some(Operation::Other(name)) => {
            return refuse(
                ErrorCode::UnsupportedCustomFieldOperation,
                format_args!("operation {name:?}"),
            );
        }
        Some(operation) => operation.clone(),
    };
    let limits = &service.limits;
    check_id("fieldName", &request.field_name, limits.max_field_name).map_err(Abort::Op)?;
    if let (Operation::Set, Some(CustomValue::Text(text))) = (&operation, &request.value) {
        at_most("the value", text, limits.max_field_value)?;
    }
    let Some(mut room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::SetCustomFieldFailed, id);
    };
    // Fields are never removed, so a full room stays full: give-up is the
    // advice of 207003 here.
    let new = !room.custom.contains_key(&request.field_name);
    if new && room.custom.len() >= limits.max_fields {
        return refuse(
            ErrorCode::SetCustomFieldFailed,
            format_args!(
                "room {id:?} holds {} custom fields, the most it may: no new one can be added",
                limits.max_fields
            ),
        );
    }
    let value = match (&operation, &request.value) {
        (Operation::Set, None) => return refuse(ErrorCode::EmptyCustomFieldValue, "no value"),
        (Operation::Set, Some(CustomValue::Text(text))) if text.is_empty() => {
            return refuse(ErrorCode::EmptyCustomFieldValue, "the value is empty");
        }
        (Operation::Set, Some(value)) => value.clone(),
        (operation, step) => {
            let current = room.custom.get(&request.field_name);
            count(current, step.clone(), *operation == Operation::Dec).map_err(Abort::Op)?
        }
    };
    room.custom.insert(request.field_name.clone(), value);
    save(tx, &room);
    Ok(api::SetCustomFieldReply {})
}

/// A counter after `inc` (or `dec`) by `step`: 1 when absent (Android sends
/// no value it cannot type, §15), a number, or text holding one (iOS turns a
/// string into a number, so a server may see either). A field not yet set
/// counts from 0; integers stay exact, and a fraction makes a float.
fn count(
    current: Option<&CustomValue>,
    step: Option<CustomValue>,
    down: bool,
) -> Result<CustomValue, Fail> {
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

pub(super) async fn get_custom_info(
    request: &api::GetCustomInfoRequest,
    service: &Service,
    tx: &mut Tx,
    _: &AuthQuery,
) -> Step<api::GetCustomInfoReply> {
    let id = room_id(&request.room_id)?;
    let Some(room) = service.room(tx, id).await? else {
        return no_room(ErrorCode::GetCustomFieldFailed, id);
    };
    Ok(api::GetCustomInfoReply {
        custom: room.custom,
    })
}
