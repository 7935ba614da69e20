//! `schemars::JsonSchema` for the `api` types whose serde impls are written by
//! hand (feature `openapi`); `wire_object!` derives it for the others.
//!
//! Like the derived ones, these schemas describe what the types *decode*, and
//! each is checked against the type by `tests/openapi.rs`, which validates the
//! bodies the types read and write.

use alloc::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::merge::MergeParamsForm;
use super::{AppId, CustomValue, MergeParams, MergeStreamReply, Operation};

impl JsonSchema for CustomValue {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("CustomValue")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A custom field's value: a number (an `inc`/`dec` counter) or a string.",
            "type": ["number", "string"]
        })
    }
}

impl JsonSchema for AppId {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("AppId")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`app_id` as the clients send it: `\"\"` (Android), the sdkAppID \
                as a number (iOS) or as a string (mini-program). A server must not trust it.",
            "oneOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string" }
            ]
        })
    }
}

impl JsonSchema for Operation {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Operation")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // Any text decodes, so that a server can answer 201008 for an unknown
        // one: the three names are examples, not an enum.
        json_schema!({
            "description": "`set`, `inc` or `dec`, lowercase. Any other text is read, \
                and a server refuses it (201008).",
            "type": "string",
            "examples": ["set", "inc", "dec"]
        })
    }
}

impl JsonSchema for MergeParamsForm {
    // Only a field's shape, not a type of the API: no component of its own.
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("MergeParamsForm")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let object = generator.subschema_for::<MergeParams>();
        json_schema!({
            "oneOf": [
                object,
                {
                    "description": "The mini-program's form: the same object as JSON text \
                        (a blank string is no parameters).",
                    "type": "string",
                    "contentMediaType": "application/json",
                    "contentSchema": object
                }
            ]
        })
    }
}

impl JsonSchema for MergeStreamReply {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("MergeStreamReply")
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The reply payload of `merge_stream`: whether the mix was accepted. \
                A reply can say `code` 0 and still carry a failed mix.",
            "type": "object",
            "properties": {
                "merge_code": {
                    "description": "`0` when the mix was accepted (also when absent).",
                    "type": "integer",
                    "default": 0
                },
                "merge_msg": {
                    "description": "The mix's text, as Android reads it.",
                    "type": "string"
                },
                "merge_message": {
                    "description": "The mix's text, as iOS reads it. A server sends both keys.",
                    "type": "string"
                }
            }
        })
    }
}
