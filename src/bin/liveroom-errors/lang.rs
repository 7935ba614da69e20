//! The language of text output: `--lang`, else `LIVEROOM_LANG`, else the locale.

use clap::ValueEnum;
use liveroom_errors::{ErrorCode, InterfaceCodePair};

use crate::report::{self, Problem};

/// The language of explanations and their labels.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Chinese, the language of the official table.
    Zh,
    /// English (our translation of the official table).
    En,
}

/// The environment variable that chooses the language when `--lang` is absent.
pub const ENV: &str = "LIVEROOM_LANG";

impl Lang {
    /// `--lang` if given, else [`ENV`], else the locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, the first one set and non-empty, as POSIX orders them): `zh…` is
    /// Chinese, any other locale (`C`, `en_US.UTF-8`, …) English. With no locale at
    /// all the output is Chinese, the language of the official table.
    pub fn resolve(flag: Option<Lang>) -> Result<Lang, Problem> {
        if let Some(lang) = flag {
            return Ok(lang);
        }
        let var = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
        if let Some(value) = var(ENV) {
            // Like a locale: `zh`, `zh_CN.UTF-8`, `EN`, … Anything else is a
            // mistake in the environment, not in this call: warn and go on.
            let value = value.to_string_lossy();
            let lower = value.trim().to_ascii_lowercase();
            if lower.starts_with("zh") {
                return Ok(Lang::Zh);
            }
            if lower.starts_with("en") {
                return Ok(Lang::En);
            }
            report::warn(&format!(
                "{ENV}={value} is not a language (zh or en): ignored, the locale decides"
            ));
        }
        Ok(
            match ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(var) {
                Some(locale) if locale.to_string_lossy().to_lowercase().starts_with("zh") => {
                    Lang::Zh
                }
                Some(_) => Lang::En,
                None => Lang::Zh,
            },
        )
    }

    /// `en` in English output, `zh` in Chinese output.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn message(self, code: ErrorCode) -> &'static str {
        self.pick(code.message_en(), code.message_zh())
    }

    pub fn causes(self, code: ErrorCode) -> &'static [&'static str] {
        match self {
            Lang::Zh => code.causes_zh(),
            Lang::En => code.causes_en(),
        }
    }

    /// Why the code's own recovery.
    pub fn reason(self, code: ErrorCode) -> &'static str {
        self.pick(code.recovery_reason(), code.recovery_reason_zh())
    }

    /// Why the recovery in the pair's call.
    pub fn pair_reason(self, pair: &InterfaceCodePair) -> &'static str {
        self.pick(pair.recovery_reason(), pair.recovery_reason_zh())
    }
}
