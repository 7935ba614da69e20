//! The language of text output: `--lang`, else `LIVEROOM_LANG`, else the locale.

use clap::ValueEnum;

use crate::report;

/// The language of explanations and their labels.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Chinese, the language of the official table.
    Zh,
    /// English (our translation of the official table).
    En,
}

impl Lang {
    /// `--lang` if given, else `LIVEROOM_LANG`, else the locale (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`, the first one set and non-empty, as POSIX orders
    /// them): `zh…` is Chinese, any other locale (`C`, `en_US.UTF-8`, …)
    /// English. With no locale at all the output is Chinese, the language of
    /// the official table.
    pub fn resolve(flag: Option<Lang>) -> Lang {
        let var = |name| std::env::var_os(name).filter(|value| !value.is_empty());
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(value) = var("LIVEROOM_LANG") {
            // Like a locale: `zh`, `zh_CN.UTF-8`, `EN`, … Anything else is a
            // mistake in the environment, not in this call: warn and go on.
            let value = value.to_string_lossy();
            let lower = value.trim().to_lowercase();
            if lower.starts_with("zh") {
                return Lang::Zh;
            } else if lower.starts_with("en") {
                return Lang::En;
            }
            report::warn(&format!(
                "LIVEROOM_LANG={value} is not a language (zh or en): ignored, the locale decides"
            ));
        }
        match ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(var) {
            Some(locale) if !locale.to_string_lossy().to_lowercase().starts_with("zh") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// `en` in English output, `zh` in Chinese output.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
