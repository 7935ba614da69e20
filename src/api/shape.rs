//! The wire shapes of the `api` types, as data: what each field is called on
//! the wire, what JSON it holds, and whether it may be absent.
//!
//! `wire_object!` writes the descriptor of every struct it makes from the same
//! field list it builds the serde impls from, so the shapes cannot drift from
//! what the types really read and write. The command-line tool's exports and
//! the README's interface sections are generated from them.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::Interface;

/// The JSON shape of a value on the wire, as the `api` types read and write it.
///
/// `Display` writes it in a TypeScript-like notation: `string`, `integer`,
/// `number`, `Anchor[]`, `Record<string, integer | number | string>`, …
///
/// ```
/// use liveroom_errors::api::{self, Shape};
/// use liveroom_errors::Interface;
///
/// let reply = api::shapes(Interface::GetAnchors).reply();
/// let pushers = reply.field("pushers").unwrap();
/// assert!(matches!(pushers.shape(), Shape::Array(Shape::Object(anchor)) if anchor.name() == "Anchor"));
/// assert_eq!(pushers.shape().to_string(), "Anchor[]");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// A JSON number, integer or not.
    Number,
    /// A JSON string that is one of these words (`set_custom_field`'s
    /// `operation`); another word is kept when decoded, for a server to refuse.
    Keyword(&'static [&'static str]),
    /// A JSON string holding the JSON text of a value of this shape (the
    /// mini-program's `mergeParams`).
    JsonText(&'static Shape),
    /// An array of values of this shape.
    Array(&'static Shape),
    /// An object with any keys, every value of this shape (`get_custom_info`'s `custom`).
    Map(&'static Shape),
    /// An object with named fields ([`ObjectShape`]).
    Object(&'static ObjectShape),
    /// Any of these shapes, where the clients disagree; the `api` types write
    /// the first.
    OneOf(&'static [Shape]),
}

impl Shape {
    /// Calls `visit` on every [`ObjectShape`] this shape contains, nested ones
    /// included, each once per place it appears (outermost first).
    ///
    /// ```
    /// use liveroom_errors::api::{self, Shape};
    /// use liveroom_errors::Interface;
    ///
    /// let mut names = Vec::new();
    /// Shape::Object(api::shapes(Interface::GetRoomList).reply()).visit_objects(&mut |o| names.push(o.name()));
    /// assert_eq!(names[..3], ["GetRoomListReply", "Room", "Anchor"]);
    /// ```
    pub fn visit_objects(&self, visit: &mut impl FnMut(&'static ObjectShape)) {
        match *self {
            Shape::String | Shape::Integer | Shape::Number | Shape::Keyword(_) => {}
            Shape::JsonText(inner) | Shape::Array(inner) | Shape::Map(inner) => {
                inner.visit_objects(visit)
            }
            Shape::Object(object) => {
                visit(object);
                for field in object.fields() {
                    field.shape().visit_objects(visit);
                }
            }
            Shape::OneOf(shapes) => shapes.iter().for_each(|shape| shape.visit_objects(visit)),
        }
    }

    /// Every object type this shape names, nested ones included, each once, by name.
    ///
    /// ```
    /// use liveroom_errors::api::{self, Shape};
    /// use liveroom_errors::Interface;
    ///
    /// let reply = Shape::Object(api::shapes(Interface::GetRoomList).reply());
    /// let names: Vec<&str> = reply.objects().keys().copied().collect();
    /// assert_eq!(names, ["Anchor", "Audience", "AudiencesObject", "GetRoomListReply", "Room"]);
    /// ```
    pub fn objects(&self) -> BTreeMap<&'static str, &'static ObjectShape> {
        let mut objects = BTreeMap::new();
        self.visit_objects(&mut |object| {
            objects.entry(object.name()).or_insert(object);
        });
        objects
    }

    fn is_compound(&self) -> bool {
        matches!(
            self,
            Shape::OneOf(_) | Shape::Keyword(_) | Shape::JsonText(_)
        )
    }
}

impl fmt::Display for Shape {
    /// The shape in a TypeScript-like notation.
    ///
    /// ```
    /// use liveroom_errors::api::Shape;
    /// assert_eq!(Shape::Array(&Shape::OneOf(&[Shape::Integer, Shape::String])).to_string(), "(integer | string)[]");
    /// assert_eq!(Shape::Keyword(&["set", "inc"]).to_string(), r#""set" | "inc""#);
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Shape::String => f.write_str("string"),
            Shape::Integer => f.write_str("integer"),
            Shape::Number => f.write_str("number"),
            Shape::Keyword(words) => {
                for (i, word) in words.iter().enumerate() {
                    let separator = if i == 0 { "" } else { " | " };
                    write!(f, "{separator}\"{word}\"")?;
                }
                Ok(())
            }
            Shape::JsonText(inner) => write!(f, "string (JSON text of {inner})"),
            Shape::Array(inner) if inner.is_compound() => write!(f, "({inner})[]"),
            Shape::Array(inner) => write!(f, "{inner}[]"),
            Shape::Map(inner) => write!(f, "Record<string, {inner}>"),
            Shape::Object(object) => f.write_str(object.name()),
            Shape::OneOf(shapes) => {
                for (i, shape) in shapes.iter().enumerate() {
                    let separator = if i == 0 { "" } else { " | " };
                    write!(f, "{separator}{shape}")?;
                }
                Ok(())
            }
        }
    }
}

/// A JSON object with named fields: a request body, a reply payload, a query,
/// or an object inside one ([`Anchor`](super::Anchor), [`Room`](super::Room), …).
///
/// ```
/// use liveroom_errors::api;
/// use liveroom_errors::Interface;
///
/// let request = api::shapes(Interface::GetAnchorUrl).request();
/// assert_eq!(request.name(), "GetAnchorUrlRequest");
/// let names: Vec<&str> = request.fields().iter().map(|f| f.name()).collect();
/// assert_eq!(names, ["userID", "roomID"]);
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ObjectShape {
    name: &'static str,
    fields: &'static [Field],
}

impl ObjectShape {
    pub(crate) const fn new(name: &'static str, fields: &'static [Field]) -> Self {
        ObjectShape { name, fields }
    }

    /// The Rust type's name: `"GetAnchorUrlReply"`, `"Anchor"`.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert_eq!(api::shapes(Interface::Login).query().name(), "LoginQuery");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The fields, in the order they are written; none for an empty body or
    /// an envelope-only reply.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert!(api::shapes(Interface::Logout).reply().fields().is_empty());
    /// ```
    pub const fn fields(&self) -> &'static [Field] {
        self.fields
    }

    /// The field called `name` on the wire.
    ///
    /// ```
    /// use liveroom_errors::api::Presence;
    /// use liveroom_errors::{api, Interface};
    /// let request = api::shapes(Interface::CreateRoom).request();
    /// assert_eq!(request.field("roomID").unwrap().presence(), Presence::Optional);
    /// assert!(request.field("room_id").is_none());
    /// ```
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|field| field.name == name)
    }
}

/// One field of an [`ObjectShape`].
///
/// ```
/// use liveroom_errors::api::{Presence, Shape};
/// use liveroom_errors::{api, Interface};
///
/// let field = api::shapes(Interface::GetAnchorUrl).reply().field("pushURL").unwrap();
/// assert_eq!((field.name(), field.rust_name()), ("pushURL", "push_url"));
/// assert_eq!(field.shape(), Shape::String);
/// assert_eq!(field.presence(), Presence::Required);
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    name: &'static str,
    rust_name: &'static str,
    shape: Shape,
    presence: Presence,
}

impl Field {
    pub(crate) const fn new(
        name: &'static str,
        rust_name: &'static str,
        shape: Shape,
        presence: Presence,
    ) -> Self {
        Field {
            name,
            rust_name,
            shape,
            presence,
        }
    }

    /// The key on the wire: `"pushURL"`.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert_eq!(api::shapes(Interface::Login).reply().fields()[0].name(), "userID");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The Rust field: `"push_url"`.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert_eq!(api::shapes(Interface::Login).reply().fields()[0].rust_name(), "user_id");
    /// ```
    pub const fn rust_name(&self) -> &'static str {
        self.rust_name
    }

    /// What JSON the field holds; for a field that accepts more than one form
    /// (`mergeParams`, `rooms[].audiences`), every form, the one written first.
    ///
    /// ```
    /// use liveroom_errors::api::Shape;
    /// use liveroom_errors::{api, Interface};
    /// let params = api::shapes(Interface::MergeStream).request().field("mergeParams").unwrap();
    /// assert!(matches!(params.shape(), Shape::OneOf([Shape::Object(_), Shape::JsonText(_)])));
    /// ```
    pub const fn shape(&self) -> Shape {
        self.shape
    }

    /// Whether the field may be absent, and whether it is written.
    ///
    /// ```
    /// use liveroom_errors::api::Presence;
    /// use liveroom_errors::{api, Interface};
    /// let reply = api::shapes(Interface::AnchorHeartbeat).reply();
    /// assert!(reply.fields().iter().all(|f| f.presence() == Presence::Optional));
    /// ```
    pub const fn presence(&self) -> Presence {
        self.presence
    }
}

/// Whether a field may be absent on the wire, and whether the `api` types write it.
///
/// ```
/// use liveroom_errors::api::Presence;
/// assert_eq!(Presence::ReadOnly.to_string(), "read-only");
/// assert!(!Presence::Optional.is_required());
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Must be present and not `null`: a success reply without it is no reply
    /// of its interface. Always written.
    Required,
    /// May be absent or `null`, which decodes as empty (`""`, `0`, no
    /// elements) for the server to judge. Always written.
    Defaulted,
    /// May be absent or `null` (`None`); not written when `None`.
    Optional,
    /// Decoded when present, never written (`rooms[].audiences`, whose two
    /// forms each break one client).
    ReadOnly,
}

impl Presence {
    /// The name shown in the exports and the README: `required`,
    /// `defaulted`, `optional`, `read-only`.
    ///
    /// ```
    /// use liveroom_errors::api::Presence;
    /// assert_eq!(Presence::Defaulted.name(), "defaulted");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Presence::Required => "required",
            Presence::Defaulted => "defaulted",
            Presence::Optional => "optional",
            Presence::ReadOnly => "read-only",
        }
    }

    /// Whether decoding fails without the field.
    ///
    /// ```
    /// use liveroom_errors::api::Presence;
    /// assert!(Presence::Required.is_required());
    /// ```
    pub const fn is_required(self) -> bool {
        matches!(self, Presence::Required)
    }

    /// Whether the `api` types write the field whatever its value.
    ///
    /// ```
    /// use liveroom_errors::api::Presence;
    /// assert!(Presence::Defaulted.is_always_written());
    /// assert!(!Presence::Optional.is_always_written());
    /// ```
    pub const fn is_always_written(self) -> bool {
        matches!(self, Presence::Required | Presence::Defaulted)
    }
}

impl fmt::Display for Presence {
    /// [`Presence::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The shapes of one interface's query, request body and reply payload; made
/// by [`shapes`](super::shapes).
///
/// ```
/// use liveroom_errors::{api, Interface};
///
/// let shapes = api::shapes(Interface::SetCustomField);
/// assert_eq!(shapes.interface(), Interface::SetCustomField);
/// assert_eq!(shapes.query().name(), "AuthQuery");
/// assert_eq!(shapes.request().name(), "SetCustomFieldRequest");
/// assert_eq!(shapes.reply().name(), "SetCustomFieldReply");
/// ```
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallShapes {
    interface: Interface,
    query: &'static ObjectShape,
    request: &'static ObjectShape,
    reply: &'static ObjectShape,
}

impl CallShapes {
    pub(crate) const fn new(
        interface: Interface,
        query: &'static ObjectShape,
        request: &'static ObjectShape,
        reply: &'static ObjectShape,
    ) -> Self {
        CallShapes {
            interface,
            query,
            request,
            reply,
        }
    }

    /// The interface.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert_eq!(api::shapes(Interface::Login).interface(), Interface::Login);
    /// ```
    pub const fn interface(&self) -> Interface {
        self.interface
    }

    /// The query: [`LoginQuery`](super::LoginQuery) for `login`,
    /// [`AuthQuery`](super::AuthQuery) for every other interface.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert_eq!(api::shapes(Interface::Logout).query().name(), "AuthQuery");
    /// ```
    pub const fn query(&self) -> &'static ObjectShape {
        self.query
    }

    /// The request body.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert!(api::shapes(Interface::Login).request().fields().is_empty()); // no body
    /// ```
    pub const fn request(&self) -> &'static ObjectShape {
        self.request
    }

    /// The reply payload: the fields beside `code`, `message` and `timestamp`.
    ///
    /// ```
    /// use liveroom_errors::{api, Interface};
    /// assert_eq!(api::shapes(Interface::CreateRoom).reply().fields()[0].name(), "roomID");
    /// ```
    pub const fn reply(&self) -> &'static ObjectShape {
        self.reply
    }
}

/// The shape of a type on the wire; implemented by every type a wire object
/// holds. Crate-private: the public view is [`Shape`].
pub(crate) trait HasShape {
    const SHAPE: Shape;
}

/// The descriptor of a wire object, written by `wire_object!`.
pub(crate) trait WireObject {
    const OBJECT: &'static ObjectShape;
}

impl HasShape for String {
    const SHAPE: Shape = Shape::String;
}

impl HasShape for u32 {
    const SHAPE: Shape = Shape::Integer;
}

impl HasShape for i64 {
    const SHAPE: Shape = Shape::Integer;
}

impl<T: HasShape> HasShape for Vec<T> {
    const SHAPE: Shape = Shape::Array(&T::SHAPE);
}

impl<T: HasShape> HasShape for BTreeMap<String, T> {
    const SHAPE: Shape = Shape::Map(&T::SHAPE);
}

/// An `Option` field's presence says it may be absent; its shape is the value's.
impl<T: HasShape> HasShape for Option<T> {
    const SHAPE: Shape = T::SHAPE;
}
