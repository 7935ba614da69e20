//! `schemars::JsonSchema` for the `api` types whose serde impls are written by
//! hand (feature `openapi`); the others derive it from their serde attributes.
//!
//! Like the derived ones, these schemas describe what the types decode, and
//! `tests/it/openapi.rs` validates the bodies the types read and write against them.

use alloc::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::{CustomValue, MergeParams, Operation};

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

impl JsonSchema for Operation {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("Operation")
    }

    /// The three operations: what a client sends. (The type also keeps any
    /// other text, for a server to refuse with 201008.)
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`set`, `inc` or `dec`, lowercase.",
            "type": "string",
            "enum": ["set", "inc", "dec"]
        })
    }
}

/// `mergeParams`: the object, or the mini-program's string holding it as JSON.
pub(super) fn merge_params(generator: &mut SchemaGenerator) -> Schema {
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
