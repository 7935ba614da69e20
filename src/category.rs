use core::fmt;
use core::str::FromStr;

use crate::vocabulary::{CATEGORIES, category_index_of};
use crate::{ErrorCode, ParseCategoryError};

/// What part of the service a code belongs to, by the range the code falls in.
///
/// The ranges follow the official SDKs, which group codes by their first four
/// digits; [`Category::of`] classifies any code that way, known or not.
///
/// | range | category |
/// |---|---|
/// | 2001xx (message handling), 2010xx (parameter validation) | [`Request`](Category::Request) |
/// | 2020xx | [`Auth`](Category::Auth) |
/// | 2030xx | [`Room`](Category::Room) |
/// | 2040xx, 2060xx (anchor heartbeats) | [`Pusher`](Category::Pusher) |
/// | 2050xx | [`Audience`](Category::Audience) |
/// | 2070xx (storage, stream mixing, custom fields) | [`Infra`](Category::Infra) |
#[derive(
    Copy,
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumCount,
    strum::EnumIter,
    strum::VariantArray,
)]
pub enum Category {
    /// The request itself is malformed or incomplete (2001xx, 2010xx).
    Request,
    /// Authentication, sessions and rate limiting (2020xx).
    Auth,
    /// Room management: create, enter, list, destroy (2030xx).
    Room,
    /// Anchors (pushers) and their heartbeats (2040xx, 2060xx).
    Pusher,
    /// Audience members (2050xx).
    Audience,
    /// Server infrastructure: storage, stream mixing, custom fields (2070xx).
    Infra,
}

impl Category {
    /// Every category, in declaration order.
    ///
    /// ```
    /// use liveroom_errors::Category;
    /// assert_eq!(Category::ALL.len(), 6);
    /// assert_eq!(Category::ALL[0], Category::Request);
    /// ```
    pub const ALL: &'static [Category] = <Self as strum::VariantArray>::VARIANTS;

    /// The category of any code by its range, whether this crate knows the code or not.
    ///
    /// ```
    /// use liveroom_errors::Category;
    /// assert_eq!(Category::of(203010), Some(Category::Room));
    /// assert_eq!(Category::of(203011), Some(Category::Room)); // unknown, but a room code
    /// assert_eq!(Category::of(206001), Some(Category::Pusher)); // anchor heartbeat
    /// assert_eq!(Category::of(999), None);
    /// ```
    pub const fn of(code: u32) -> Option<Category> {
        match category_index_of(code) {
            Some(index) => Some(Self::ALL[index]),
            None => None,
        }
    }

    /// The name used in `codes.tsv`, `Display` and serde: `"request"`, `"auth"`, …
    ///
    /// ```
    /// use liveroom_errors::Category;
    /// assert_eq!(Category::Pusher.name(), "pusher");
    /// ```
    pub const fn name(self) -> &'static str {
        CATEGORIES[self as usize].0
    }

    /// Every known code of this category, in code order.
    ///
    /// ```
    /// use liveroom_errors::{Category, ErrorCode};
    /// assert!(Category::Auth.codes().contains(&ErrorCode::RateLimited));
    /// assert!(Category::Auth.codes().iter().all(|c| c.category() == Category::Auth));
    /// ```
    pub const fn codes(self) -> &'static [ErrorCode] {
        ErrorCode::codes_of(self)
    }
}

impl fmt::Display for Category {
    /// Writes [`Category::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Category {
    type Err = ParseCategoryError;

    /// Parses a name as [`Category::name`] gives it, ignoring ASCII case.
    ///
    /// ```
    /// use liveroom_errors::Category;
    /// assert_eq!("room".parse(), Ok(Category::Room));
    /// assert_eq!("Room".parse(), Ok(Category::Room));
    /// assert!("rooms".parse::<Category>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        (Self::ALL.iter().copied())
            .find(|c| c.name().eq_ignore_ascii_case(s))
            .ok_or(ParseCategoryError::new())
    }
}
