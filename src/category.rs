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
///
/// `Display`, `FromStr` (ignoring ASCII case, error [`ParseCategoryError`]) and
/// `From<Category> for &'static str` all use [`Category::name`].
///
/// ```
/// use liveroom_errors::Category;
///
/// assert_eq!(Category::Pusher.to_string(), "pusher");
/// assert_eq!("PUSHER".parse(), Ok(Category::Pusher));
/// assert_eq!(<&str>::from(Category::Infra), "infra");
/// ```
#[derive(
    Copy,
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumString,
    strum::IntoStaticStr,
)]
#[strum(
    serialize_all = "kebab-case",
    ascii_case_insensitive,
    parse_err_ty = ParseCategoryError,
    parse_err_fn = ParseCategoryError::of
)]
pub enum Category {
    /// The request itself is malformed or incomplete (2001xx, 2010xx).
    Request,
    /// Authentication, sessions and rate limiting (2020xx).
    Auth,
    /// Room management: create, enter, list, destroy (2030xx).
    Room,
    /// Anchors and their heartbeats (2040xx, 2060xx); the SDKs call anchors
    /// "pushers", hence the name.
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
    pub const ALL: &'static [Category] = &[
        Category::Request,
        Category::Auth,
        Category::Room,
        Category::Pusher,
        Category::Audience,
        Category::Infra,
    ];

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

// `ALL` lists the variants in declaration order, one per entry of the shared
// vocabulary, so `name()` and `of()` can index by discriminant.
const _: () = {
    assert!(Category::ALL.len() == CATEGORIES.len());
    let mut i = 0;
    while i < Category::ALL.len() {
        assert!(Category::ALL[i] as usize == i);
        i += 1;
    }
};
