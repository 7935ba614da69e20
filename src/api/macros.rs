//! `wire_object!`: a struct whose fields have fixed wire names, with
//! `Serialize` and `Deserialize` written out by a declarative macro, because the
//! crate depends on `serde` without its derive macros (one proc-macro build less
//! for every user).
//!
//! Each field names its wire key and a mode, which says what absence means:
//! - `(required)`: the key must be present and not `null` ("missing field").
//! - `(default)`: absent or `null` decodes as the type's `Default`; always sent.
//! - `(optional)`: the field is an `Option`; absent or `null` is `None`, and
//!   `None` is not sent.
//! - `(default_via T)`: like `(default)`, but decoded as `T` (a private type
//!   that accepts more shapes) and converted with `From`; sent as the field's
//!   own type.
//! - `(read_only_via T)`: an `Option` decoded as `T`, never sent.
//!
//! The generated decoding ignores unknown keys, rejects a key given twice
//! (an ambiguous object: which `userID` would a server check?), and accepts an
//! object only.
//!
//! From the same field list the macro writes the struct's descriptor
//! ([`ObjectShape`](super::ObjectShape): each field's wire name, shape and
//! [`Presence`](super::Presence)), which the exports and the README read, so
//! the documented shapes are the decoded ones.
//!
//! With the `openapi` feature the struct also derives `schemars::JsonSchema`,
//! each field with the attributes of its mode (see [`wire_struct!`]), so the
//! OpenAPI document's schemas are the decoded ones too.

macro_rules! wire_object {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[$field_attr:meta])*
                pub $field:ident : $ty:ty = $wire:literal $mode:tt
            ),* $(,)?
        }
    ) => {
        wire_struct! {
            [$(#[$attr])*] [$vis] [$name] []
            $( [$(#[$field_attr])*] [$field] [$ty] [$wire] $mode )*
        }

        impl $crate::api::shape::WireObject for $name {
            const OBJECT: &'static $crate::api::ObjectShape = &$crate::api::ObjectShape::new(
                stringify!($name),
                &[$(
                    $crate::api::Field::new(
                        $wire,
                        stringify!($field),
                        wire_field!(@shape $mode, $ty),
                        wire_field!(@presence $mode),
                    ),
                )*],
            );
        }

        impl $crate::api::shape::HasShape for $name {
            const SHAPE: $crate::api::Shape = $crate::api::Shape::Object(
                <Self as $crate::api::shape::WireObject>::OBJECT,
            );
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                let $name { $( $field, )* } = self;
                let len = 0 $( + wire_field!(@count $mode, $field) )*;
                let mut object = serializer.serialize_struct(stringify!($name), len)?;
                $( wire_field!(@serialize $mode, object, $wire, $field); )*
                object.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[allow(non_camel_case_types)]
                enum Key {
                    $( $field, )*
                    Unknown,
                }

                impl<'de> serde::Deserialize<'de> for Key {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        struct KeyVisitor;
                        impl serde::de::Visitor<'_> for KeyVisitor {
                            type Value = Key;
                            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                                f.write_str("a field name")
                            }
                            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Key, E> {
                                Ok(match name {
                                    $( $wire => Key::$field, )*
                                    _ => Key::Unknown,
                                })
                            }
                        }
                        deserializer.deserialize_identifier(KeyVisitor)
                    }
                }

                struct ObjectVisitor;
                impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str(concat!("a JSON object (", stringify!($name), ")"))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $( let mut $field: Option<wire_field!(@slot $mode, $ty)> = None; )*
                        while let Some(key) = map.next_key::<Key>()? {
                            match key {
                                $(
                                    Key::$field => {
                                        if $field.is_some() {
                                            return Err(serde::de::Error::duplicate_field($wire));
                                        }
                                        $field = Some(map.next_value()?);
                                    }
                                )*
                                Key::Unknown => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok($name {
                            $( $field: wire_field!(@finish $mode, $field, $wire), )*
                        })
                    }
                }

                const FIELDS: &[&str] = &[$( $wire ),*];
                deserializer.deserialize_struct(stringify!($name), FIELDS, ObjectVisitor)
            }
        }
    };
}

/// Writes the struct of [`wire_object!`], one field at a time, because each
/// field's schema attributes depend on its mode and an attribute cannot be
/// computed by a macro call inside it. Under `openapi` the struct derives
/// `schemars::JsonSchema`, which describes what the type *decodes*:
/// - `(required)`: a required property.
/// - `(default)`: not required, with the type's `Default` as `default`.
/// - `(optional)`: an `Option`, which schemars makes not required and nullable.
/// - `(default_via T)`: like `(default)`; the shapes `T` accepts come from a
///   `schemars(with = "T")` at the call site (an attribute takes the type only
///   as a string literal, which a macro cannot make from `T`).
/// - `(read_only_via T)`: left out. Such a field is decoded but never sent
///   (`Room`'s `audiences`), and documenting it would invite servers to send
///   it; unknown keys are allowed anyway.
macro_rules! wire_struct {
    // Every field written: the struct itself.
    ([$($attr:tt)*] [$vis:vis] [$name:ident] [$($done:tt)*]) => {
        $($attr)*
        #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
        $vis struct $name { $($done)* }
    };
    ($a:tt $v:tt $n:tt [$($done:tt)*]
        [$($fa:tt)*] [$field:ident] [$ty:ty] [$wire:literal] (required) $($rest:tt)*) => {
        wire_struct! { $a $v $n [$($done)* $($fa)*
            #[cfg_attr(feature = "openapi", schemars(rename = $wire))]
            pub $field: $ty,] $($rest)* }
    };
    ($a:tt $v:tt $n:tt [$($done:tt)*]
        [$($fa:tt)*] [$field:ident] [$ty:ty] [$wire:literal] (default) $($rest:tt)*) => {
        wire_struct! { $a $v $n [$($done)* $($fa)*
            #[cfg_attr(feature = "openapi", schemars(rename = $wire, default))]
            pub $field: $ty,] $($rest)* }
    };
    ($a:tt $v:tt $n:tt [$($done:tt)*]
        [$($fa:tt)*] [$field:ident] [$ty:ty] [$wire:literal] (optional) $($rest:tt)*) => {
        wire_struct! { $a $v $n [$($done)* $($fa)*
            #[cfg_attr(feature = "openapi", schemars(rename = $wire))]
            pub $field: $ty,] $($rest)* }
    };
    ($a:tt $v:tt $n:tt [$($done:tt)*]
        [$($fa:tt)*] [$field:ident] [$ty:ty] [$wire:literal] (default_via $via:ty) $($rest:tt)*) => {
        wire_struct! { $a $v $n [$($done)* $($fa)*
            #[cfg_attr(feature = "openapi", schemars(rename = $wire, default))]
            pub $field: $ty,] $($rest)* }
    };
    ($a:tt $v:tt $n:tt [$($done:tt)*]
        [$($fa:tt)*] [$field:ident] [$ty:ty] [$wire:literal] (read_only_via $via:ty) $($rest:tt)*) => {
        wire_struct! { $a $v $n [$($done)* $($fa)*
            #[cfg_attr(feature = "openapi", schemars(rename = $wire, skip))]
            pub $field: $ty,] $($rest)* }
    };
}

/// The per-mode pieces of [`wire_object!`].
macro_rules! wire_field {
    // The field's shape on the wire: the via type's, which accepts more forms.
    (@shape (default_via $via:ty), $ty:ty) => { <$via as $crate::api::shape::HasShape>::SHAPE };
    (@shape (read_only_via $via:ty), $ty:ty) => { <$via as $crate::api::shape::HasShape>::SHAPE };
    (@shape $mode:tt, $ty:ty) => { <$ty as $crate::api::shape::HasShape>::SHAPE };

    // What absence means.
    (@presence (required)) => { $crate::api::Presence::Required };
    (@presence (default)) => { $crate::api::Presence::Defaulted };
    (@presence (optional)) => { $crate::api::Presence::Optional };
    (@presence (default_via $via:ty)) => { $crate::api::Presence::Defaulted };
    (@presence (read_only_via $via:ty)) => { $crate::api::Presence::ReadOnly };

    // The type a field's value is decoded as.
    (@slot (required), $ty:ty) => { $ty };
    (@slot (default), $ty:ty) => { Option<$ty> };
    (@slot (optional), $ty:ty) => { $ty };
    (@slot (default_via $via:ty), $ty:ty) => { Option<$via> };
    (@slot (read_only_via $via:ty), $ty:ty) => { Option<$via> };

    // The field's value, from what was decoded (`None`: the key was absent).
    (@finish (required), $slot:ident, $wire:literal) => {
        match $slot {
            Some(value) => value,
            None => return Err(serde::de::Error::missing_field($wire)),
        }
    };
    (@finish (default), $slot:ident, $wire:literal) => { $slot.flatten().unwrap_or_default() };
    (@finish (optional), $slot:ident, $wire:literal) => { $slot.flatten() };
    (@finish (default_via $via:ty), $slot:ident, $wire:literal) => {
        $slot.flatten().map(Into::into).unwrap_or_default()
    };
    (@finish (read_only_via $via:ty), $slot:ident, $wire:literal) => {
        $slot.flatten().map(Into::into)
    };

    // How many keys the field writes.
    (@count (optional), $value:ident) => { usize::from($value.is_some()) };
    (@count (read_only_via $via:ty), $value:ident) => { 0 };
    (@count $mode:tt, $value:ident) => { 1 };

    // Writes the field.
    (@serialize (optional), $object:ident, $wire:literal, $value:ident) => {
        match $value {
            Some(value) => $object.serialize_field($wire, value)?,
            None => $object.skip_field($wire)?,
        }
    };
    (@serialize (read_only_via $via:ty), $object:ident, $wire:literal, $value:ident) => {{
        let _ = $value;
        $object.skip_field($wire)?
    }};
    (@serialize $mode:tt, $object:ident, $wire:literal, $value:ident) => {
        $object.serialize_field($wire, $value)?
    };
}

/// A request type whose body has no fields: `login` and `logout`. It decodes
/// from any object (its keys ignored) or `null`, and is sent as `{}`.
macro_rules! empty_body {
    ($(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        #[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        no_fields!(
            $name,
            "No fields: send `{}` or no body at all. Any object is accepted, its keys ignored."
        );

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                serializer.serialize_struct(stringify!($name), 0)?.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct BodyVisitor;
                impl<'de> serde::de::Visitor<'de> for BodyVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("an object (its fields are ignored) or null")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        while map
                            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                            .is_some()
                        {}
                        Ok($name)
                    }
                    fn visit_unit<E: serde::de::Error>(self) -> Result<$name, E> {
                        Ok($name)
                    }
                    fn visit_none<E: serde::de::Error>(self) -> Result<$name, E> {
                        Ok($name)
                    }
                }
                deserializer.deserialize_any(BodyVisitor)
            }
        }
    };
}

/// The reply payload of an interface that answers with the envelope only: a
/// type of its own (so that each interface has its reply type, and through it
/// its error type), decoded and written exactly as [`wire::Empty`](crate::wire::Empty).
macro_rules! empty_reply {
    ($(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        #[derive(Copy, Clone, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name;

        no_fields!(
            $name,
            "No fields: the envelope (`code`, `message`, `timestamp`) only."
        );

        impl From<$crate::wire::Empty> for $name {
            fn from(_: $crate::wire::Empty) -> Self {
                $name
            }
        }

        impl From<$name> for $crate::wire::Empty {
            fn from(_: $name) -> Self {
                $crate::wire::Empty
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::wire::Empty.serialize(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::Empty::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

/// The descriptor of a type written as an object without fields, and under
/// `openapi` its schema: an object (unknown keys allowed, as everywhere).
/// Not derived: a unit struct's derived schema is `null`, but these types are
/// sent as `{}`.
macro_rules! no_fields {
    ($name:ident, $description:literal) => {
        impl $crate::api::shape::WireObject for $name {
            const OBJECT: &'static $crate::api::ObjectShape =
                &$crate::api::ObjectShape::new(stringify!($name), &[]);
        }

        #[cfg(feature = "openapi")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> alloc::borrow::Cow<'static, str> {
                alloc::borrow::Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "object", "description": $description })
            }
        }
    };
}
