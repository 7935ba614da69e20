//! The objects several interfaces share: [`Anchor`], [`Room`], [`Audience`].
//! They relay what clients sent, and Android drops null values (§0.2), so
//! every field here decodes as empty when absent or `null`.

use alloc::string::String;
use alloc::vec::Vec;

use core::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::nullable;

#[cfg(feature = "json")]
use super::CustomValue;

/// A room member who pushes a stream (a "pusher"): the elements of
/// `pushers` in `get_room_list`, `get_anchors` and `anchor_heartbeat`
/// (docs/protocol.md §7, "Anchor object").
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Anchor {
    /// `userID`: the member.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `userName`: the display name sent with `add_anchor`.
    #[serde(rename = "userName", default, deserialize_with = "nullable")]
    pub user_name: String,
    /// `userAvatar`: the avatar URL sent with `add_anchor`.
    #[serde(rename = "userAvatar", default, deserialize_with = "nullable")]
    pub user_avatar: String,
    /// `accelerateURL`: the member's low-latency play URL; clients derive
    /// the stream id for `merge_stream` from its last path segment.
    #[serde(rename = "accelerateURL", default, deserialize_with = "nullable")]
    pub accelerate_url: String,
}

/// A viewer: `{userID, userInfo}`, the elements of `get_audiences`'
/// `audiences` (docs/protocol.md §13).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Audience {
    /// `userID`: the viewer.
    #[serde(rename = "userID", default, deserialize_with = "nullable")]
    pub user_id: String,
    /// `userInfo`: the text the viewer sent with `add_audience`, kept
    /// opaque: JSON `{"userName":…,"userAvatar":…}`, compact from Android
    /// and the mini-program, pretty-printed from iOS (§11, §17).
    #[serde(rename = "userInfo", default, deserialize_with = "nullable")]
    pub user_info: String,
}

/// One room of `get_room_list` (docs/protocol.md §3).
///
/// Two fields have shapes worth knowing:
/// - `custom` is a **string** holding JSON (`"{\"praise\":3}"`), unlike the
///   object of `get_custom_info` (§3, §16): Android declares it a `String`,
///   and an object there would make Android fail the whole call.
///   `custom_fields` (feature `json`) reads it.
/// - `audiences` is decoded from either shape a client reads, and never sent
///   (§3, §17): see the field.
///
/// `roomName` (Android's model only, no server source, §3) is not a field:
/// like any unknown key, it is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Room {
    /// `roomID`.
    #[serde(rename = "roomID", default, deserialize_with = "nullable")]
    pub room_id: String,
    /// `roomInfo`: opaque text set at `create_room`; apps put JSON such as
    /// `{"title","frontcover","location"}` in it.
    #[serde(rename = "roomInfo", default, deserialize_with = "nullable")]
    pub room_info: String,
    /// `roomCreator`: the `userID` that created the room.
    #[serde(rename = "roomCreator", default, deserialize_with = "nullable")]
    pub room_creator: String,
    /// `mixedPlayURL`: what Android and iOS audiences play (§7).
    #[serde(rename = "mixedPlayURL", default, deserialize_with = "nullable")]
    pub mixed_play_url: String,
    /// `pushers`: the room's anchors.
    #[serde(default, deserialize_with = "nullable")]
    pub pushers: Vec<Anchor>,
    /// `custom`: the room's custom fields as a **JSON-encoded string**
    /// (§3, §17), e.g. `{"praise":3}`; empty when absent.
    #[serde(default, deserialize_with = "nullable")]
    pub custom: String,
    /// `audienceCount`: read by Android only; a server sends it always,
    /// as an integer (§17). `0` when absent.
    #[serde(rename = "audienceCount", default, deserialize_with = "nullable")]
    pub audience_count: u32,
    /// `audiences`: **decoded, never sent** (§3, §17). Android reads an array
    /// of `{userID,userInfo}`, iOS an object `{"audiences":[…]}`; each shape
    /// makes the other client fail, and `null` crashes iOS, so only an
    /// absent key is safe for both. Decoding accepts both shapes (`None`
    /// when absent or `null`); serializing always leaves the key out.
    #[serde(default, skip_serializing, deserialize_with = "audiences")]
    #[cfg_attr(feature = "openapi", schemars(skip))]
    pub audiences: Option<Vec<Audience>>,
}

impl Room {
    /// The custom fields of `custom`, decoded from its JSON text (what the
    /// XiaoZhiBo apps do to read `praise`, §3). An empty `custom` has no fields.
    ///
    /// # Errors
    /// When `custom` is not a JSON object of numbers and strings, each name once.
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
        let mut json = serde_json::Deserializer::from_str(&self.custom);
        let fields = super::custom::custom_fields(&mut json)?;
        json.end()?;
        Ok(fields)
    }
}

/// `rooms[].audiences` in either shape the clients read: Android's array, or
/// iOS's object `{"audiences":[…]}` (whose other keys are ignored); `None`
/// when `null`. Read as it comes, never buffered, so that a key it ignores
/// stays unread, as everywhere else.
fn audiences<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Audience>>, D::Error> {
    #[derive(Deserialize)]
    struct Object {
        #[serde(default, deserialize_with = "nullable")]
        audiences: Vec<Audience>,
    }

    struct Shape;

    impl<'de> Visitor<'de> for Shape {
        type Value = Option<Vec<Audience>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(r#"an array of audiences or an object {"audiences":[…]}"#)
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Vec::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            let object = Object::deserialize(MapAccessDeserializer::new(map))?;
            Ok(Some(object.audiences))
        }
    }

    deserializer.deserialize_any(Shape)
}
