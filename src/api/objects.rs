//! The objects several interfaces share: [`Anchor`], [`Room`], [`Audience`].
//!
//! Their fields relay what clients sent earlier (a name, an avatar, a room
//! description), and Android drops a key whose value is null (interfaces.md
//! §0.2), so every field here decodes as empty when absent or `null`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

#[cfg(feature = "json")]
use super::CustomValue;

wire_object! {
    /// A room member who pushes a stream (a "pusher"): the elements of
    /// `pushers` in `get_room_list`, `get_anchors` and `anchor_heartbeat`
    /// (interfaces.md §7, "Anchor object").
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::Anchor;
    ///
    /// let anchor: Anchor = serde_json::from_str(
    ///     r#"{"userID":"u1","userName":"Anchor","userAvatar":"https://...","accelerateURL":"rtmp://..."}"#,
    /// ).unwrap();
    /// assert_eq!(anchor.user_id, "u1");
    /// assert_eq!(anchor.user_name, "Anchor");
    /// assert_eq!(anchor.user_avatar, "https://...");
    /// assert_eq!(anchor.accelerate_url, "rtmp://...");
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct Anchor {
        /// `userID`: the member.
        pub user_id: String = "userID" (default),
        /// `userName`: the display name sent with `add_anchor`.
        pub user_name: String = "userName" (default),
        /// `userAvatar`: the avatar URL sent with `add_anchor`.
        pub user_avatar: String = "userAvatar" (default),
        /// `accelerateURL`: the member's low-latency play URL; clients derive
        /// the stream id for `merge_stream` from its last path segment.
        pub accelerate_url: String = "accelerateURL" (default),
    }
}

wire_object! {
    /// A viewer: `{userID, userInfo}`, the elements of `get_audiences`'
    /// `audiences` (interfaces.md §13).
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::Audience;
    ///
    /// let audience: Audience = serde_json::from_str(
    ///     r#"{"userID":"v1","userInfo":"{\"userName\":\"Viewer\",\"userAvatar\":\"https://...\"}"}"#,
    /// ).unwrap();
    /// assert_eq!(audience.user_id, "v1");
    /// assert_eq!(audience.user_info, r#"{"userName":"Viewer","userAvatar":"https://..."}"#);
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct Audience {
        /// `userID`: the viewer.
        pub user_id: String = "userID" (default),
        /// `userInfo`: the text the viewer sent with `add_audience`, kept
        /// opaque: JSON `{"userName":…,"userAvatar":…}`, compact from Android
        /// and the mini-program, pretty-printed from iOS (§11, §17).
        pub user_info: String = "userInfo" (default),
    }
}

wire_object! {
    /// One room of `get_room_list` (interfaces.md §3).
    ///
    /// Two fields have shapes worth knowing:
    /// - `custom` is a **string** holding JSON (`"{\"praise\":3}"`), unlike the
    ///   object of `get_custom_info` (§3, §16): Android declares it a `String`,
    ///   and an object there would make Android fail the whole call.
    ///   [`custom_fields`](Self::custom_fields) (feature `json`) reads it.
    /// - `audiences` is decoded from either shape a client reads, and never sent
    ///   (§3, §17): see the field.
    ///
    /// `roomName` (Android's model only, no server source, §3) is not a field:
    /// like any unknown key, it is ignored.
    ///
    /// ```
    /// # #[cfg(feature = "json")] {
    /// use liveroom_errors::api::Room;
    ///
    /// let room: Room = serde_json::from_str(r#"{"roomID":"room_1","roomInfo":"{\"title\":\"demo\"}",
    ///     "roomCreator":"u1","mixedPlayURL":"https://<play-domain>/live/<id>.flv",
    ///     "custom":"{\"praise\":3}","audienceCount":5,
    ///     "pushers":[{"userID":"u1","userName":"Anchor","userAvatar":"https://...","accelerateURL":"rtmp://..."}]}"#,
    /// ).unwrap();
    /// assert_eq!(room.room_id, "room_1");
    /// assert_eq!(room.room_info, r#"{"title":"demo"}"#);
    /// assert_eq!(room.custom, r#"{"praise":3}"#);
    /// assert_eq!(room.audience_count, 5);
    /// assert_eq!(room.pushers[0].user_name, "Anchor");
    /// assert_eq!(room.audiences, None);
    /// # }
    /// ```
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct Room {
        /// `roomID`.
        pub room_id: String = "roomID" (default),
        /// `roomInfo`: opaque text set at `create_room`; apps put JSON such as
        /// `{"title","frontcover","location"}` in it.
        pub room_info: String = "roomInfo" (default),
        /// `roomCreator`: the `userID` that created the room.
        pub room_creator: String = "roomCreator" (default),
        /// `mixedPlayURL`: what Android and iOS audiences play (§7).
        pub mixed_play_url: String = "mixedPlayURL" (default),
        /// `pushers`: the room's anchors.
        pub pushers: Vec<Anchor> = "pushers" (default),
        /// `custom`: the room's custom fields as a **JSON-encoded string**
        /// (§3, §17), e.g. `{"praise":3}`; empty when absent.
        pub custom: String = "custom" (default),
        /// `audienceCount`: read by Android only; a server sends it always,
        /// as an integer (§17). `0` when absent.
        pub audience_count: u32 = "audienceCount" (default),
        /// `audiences`: **decoded, never sent** (§3, §17). Android reads an array
        /// of `{userID,userInfo}`, iOS an object `{"audiences":[…]}`; each shape
        /// makes the other client fail, and `null` crashes iOS, so only an
        /// absent key is safe for both. Decoding accepts both shapes (`None`
        /// when absent or `null`); serializing always leaves the key out.
        pub audiences: Option<Vec<Audience>> = "audiences" (read_only_via AudiencesShape),
    }
}

impl Room {
    /// The custom fields of `custom`, decoded from its JSON text (what the
    /// XiaoZhiBo apps do to read `praise`, §3). An empty `custom` has no fields.
    ///
    /// # Errors
    /// When `custom` is not a JSON object of numbers and strings.
    ///
    /// ```
    /// use liveroom_errors::api::{CustomValue, Room};
    ///
    /// let room = Room { custom: r#"{"praise":3}"#.into(), ..Room::default() };
    /// let fields = room.custom_fields().unwrap();
    /// assert_eq!(fields["praise"], CustomValue::Integer(3));
    /// assert!(Room::default().custom_fields().unwrap().is_empty());
    /// ```
    #[cfg(feature = "json")]
    pub fn custom_fields(
        &self,
    ) -> Result<alloc::collections::BTreeMap<String, CustomValue>, serde_json::Error> {
        if self.custom.trim().is_empty() {
            return Ok(alloc::collections::BTreeMap::new());
        }
        serde_json::from_str(&self.custom)
    }
}

/// `rooms[].audiences` in either shape: Android's array, or iOS's object
/// `{"audiences":[…]}` (whose other keys are ignored).
pub(super) struct AudiencesShape(Vec<Audience>);

impl From<AudiencesShape> for Vec<Audience> {
    fn from(shape: AudiencesShape) -> Self {
        shape.0
    }
}

wire_object! {
    /// iOS's shape of `rooms[].audiences`, the same object as `get_audiences`' reply.
    struct AudiencesObject {
        pub audiences: Vec<Audience> = "audiences" (default),
    }
}

impl super::shape::HasShape for AudiencesShape {
    const SHAPE: super::Shape = super::Shape::OneOf(&[
        super::Shape::Array(&<Audience as super::shape::HasShape>::SHAPE),
        super::Shape::Object(<AudiencesObject as super::shape::WireObject>::OBJECT),
    ]);
}

impl<'de> Deserialize<'de> for AudiencesShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = AudiencesShape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"an array of audiences or an object {"audiences":[…]}"#)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<AudiencesShape, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(AudiencesShape)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AudiencesShape, A::Error> {
                AudiencesObject::deserialize(MapAccessDeserializer::new(map))
                    .map(|object| AudiencesShape(object.audiences))
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}
