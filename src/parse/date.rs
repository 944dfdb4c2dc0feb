//! Dates in every form feeds and Chinese sites write them, to UTC.
//!
//! Invariant: a date that names no zone is read in the caller's zone (the source's); one
//! that cannot be read is `None`. Pure and total: no input panics (fuzzed).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Parses the date forms feeds use, RFC 3339 and RFC 822 plus the ones Chinese sites write
/// (`2022-09-28 10:30:00`, `2022/9/28`, `2022年09月28日 10时30分`, `CST` meaning +08:00,
/// full-width digits). A date without a zone is read in `tz`.
pub(crate) fn parse_date(input: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let s = normalise_date_text(input);
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) || has_month_name(s) {
        return parse_rfc822(s, tz);
    }
    parse_numeric(s, tz)
}

fn normalise_date_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '－' => '-',
            '／' => '/',
            '＋' => '+',
            '\u{3000}' | '\u{a0}' => ' ',
            _ => c,
        })
        .collect()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn has_month_name(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| month_from_name(w).is_some())
}

fn month_from_name(w: &str) -> Option<u32> {
    if w.len() < 3 {
        return None;
    }
    let l = w.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| l.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// Zone words: CST is China Standard Time here, not US Central (feeds from Chinese sites).
fn zone_offset(z: &str) -> Option<FixedOffset> {
    let z = z.trim();
    let upper = z.to_ascii_uppercase();
    let hours = |h: i32| FixedOffset::east_opt(h * 3600);
    match upper.as_str() {
        "" => None,
        "Z" | "UT" | "UTC" | "GMT" => hours(0),
        "CST" | "CCT" | "BJT" | "北京时间" | "HKT" | "AWST" | "SGT" => hours(8),
        "JST" | "KST" => hours(9),
        "EST" => hours(-5),
        "EDT" => hours(-4),
        "CDT" => hours(-5),
        "MST" => hours(-7),
        "MDT" => hours(-6),
        "PST" => hours(-8),
        "PDT" => hours(-7),
        _ => {
            let rest = upper
                .strip_prefix("GMT")
                .or_else(|| upper.strip_prefix("UTC"))
                .unwrap_or(&upper);
            numeric_offset(rest)
        }
    }
}

/// `+0800`, `+08:00`, `+8`, `-05`.
fn numeric_offset(s: &str) -> Option<FixedOffset> {
    let (sign, digits) = match s.chars().next()? {
        '+' => (1, &s[1..]),
        '-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (
            digits[..1].parse::<i32>().ok()?,
            digits[1..].parse::<i32>().ok()?,
        ),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

fn localise(naive: NaiveDateTime, offset: Option<FixedOffset>, tz: Tz) -> Option<DateTime<Utc>> {
    match offset {
        Some(o) => o
            .from_local_datetime(&naive)
            .single()
            .map(|d| d.with_timezone(&Utc)),
        None => tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|d| d.with_timezone(&Utc)),
    }
}

/// `[Wed,] 28 Sep 2022 10:30[:00] [zone]`, also `Sep 28, 2022 …` and `Wed Sep 28 10:30:00 CST 2022`.
fn parse_rfc822(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut time = None;
    let mut offset = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.contains(':') && time.is_none() && t.starts_with(|c: char| c.is_ascii_digit()) {
            time = parse_time(t);
            continue;
        }
        if let Some(m) = month_from_name(t).filter(|_| month.is_none()) {
            month = Some(m);
            continue;
        }
        if t.chars().all(|c| c.is_ascii_digit()) {
            let n: i32 = t.parse().ok()?;
            if t.len() == 4 || (day.is_some() && year.is_none() && month.is_some()) {
                year = Some(if t.len() == 2 {
                    if n < 70 { 2000 + n } else { 1900 + n }
                } else {
                    n
                });
            } else if day.is_none() {
                day = Some(n as u32);
            } else if year.is_none() {
                year = Some(n);
            }
            continue;
        }
        if offset.is_none()
            && i > 0
            && let Some(o) = zone_offset(t)
        {
            offset = Some(o);
            continue;
        }
        // Day names and anything unknown are ignored, as mail readers do.
    }
    let date = NaiveDate::from_ymd_opt(year?, month?, day?)?;
    let time = time.unwrap_or(NaiveTime::MIN);
    localise(date.and_time(time), offset, tz)
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    let t = t.trim_end_matches(|c: char| !c.is_ascii_digit());
    let (main, frac) = match t.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (t, None),
    };
    let parts: Vec<&str> = main.split(':').collect();
    let h: u32 = parts.first()?.parse().ok()?;
    let m: u32 = parts.get(1).map_or(Some(0), |p| p.parse().ok())?;
    let sec: u32 = parts.get(2).map_or(Some(0), |p| p.parse().ok())?;
    let nanos = frac
        .and_then(|f| {
            let f: String = f.chars().take(9).collect();
            let n: u32 = f.parse().ok()?;
            Some(n * 10u32.pow(9 - f.len() as u32))
        })
        .unwrap_or(0);
    // 24:00 and leap seconds appear in the wild; clamp rather than reject.
    if h == 24 && m == 0 && sec == 0 {
        return NaiveTime::from_hms_opt(23, 59, 59);
    }
    NaiveTime::from_hms_nano_opt(h, m, sec.min(59), nanos)
}

/// `2022-09-28 10:30:00`, `2022/9/28`, `2022.09.28`, `2022年09月28日 10时30分`, with an optional
/// `T`, fraction and zone (`Z`, `+08:00`, `+0800`, `GMT+8`, `CST`, `北京时间`).
fn parse_numeric(s: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let bytes: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut nums: Vec<u32> = Vec::new();
    let mut frac: Option<String> = None;
    // Year, month, day, hour, minute, second: up to six numbers separated by date/time marks.
    while i < bytes.len() && nums.len() < 6 {
        let c = bytes[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let n: String = bytes[start..i].iter().collect();
            if n.len() > 4 {
                // A Unix timestamp, seconds or milliseconds.
                if nums.is_empty() && (n.len() == 10 || n.len() == 13) && i == bytes.len() {
                    let v: i64 = n.parse().ok()?;
                    let secs = if n.len() == 13 { v / 1000 } else { v };
                    return DateTime::from_timestamp(secs, 0);
                }
                return None;
            }
            nums.push(n.parse().ok()?);
            continue;
        }
        let sep = matches!(
            c,
            '-' | '/'
                | '.'
                | ':'
                | '年'
                | '月'
                | '日'
                | '号'
                | '时'
                | '點'
                | '点'
                | '分'
                | '秒'
                | 'T'
                | ' '
        );
        if !sep {
            break;
        }
        // A '-' after the time begins a zone offset, not another number.
        if c == '-' && nums.len() >= 5 {
            break;
        }
        i += 1;
    }
    // Fractional seconds.
    if nums.len() == 6 && i < bytes.len() && bytes[i] == '.' {
        let start = i + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        frac = Some(bytes[start..j].iter().collect());
        i = j;
    }
    let rest: String = bytes[i..].iter().collect();
    let rest = rest.trim().trim_start_matches(['秒']).trim();
    let offset = if rest.is_empty() {
        None
    } else {
        match zone_offset(rest) {
            Some(o) => Some(o),
            // A weekday such as "星期三" or "(周三)" after the date is harmless.
            None if rest.starts_with(['星', '周', '(', '（']) => None,
            None => return None,
        }
    };
    if nums.len() < 3 {
        return None;
    }
    let (y, mo, d) = (nums[0] as i32, nums[1], nums[2]);
    if !(1970..=2999).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    let time_text = match nums.len() {
        3 => None,
        4 => Some(format!("{}:00", nums[3])),
        5 => Some(format!("{}:{}", nums[3], nums[4])),
        _ => Some(match &frac {
            Some(f) => format!("{}:{}:{}.{f}", nums[3], nums[4], nums[5]),
            None => format!("{}:{}:{}", nums[3], nums[4], nums[5]),
        }),
    };
    let time = match time_text {
        None => NaiveTime::MIN,
        Some(t) => parse_time(&t)?,
    };
    localise(date.and_time(time), offset, tz)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::tests::utc;
    use chrono_tz::Asia::Shanghai;

    #[test]
    fn dates_in_every_form_sites_use() {
        let t = utc("2022-09-28T02:30:00Z");
        for s in [
            "2022-09-28T10:30:00+08:00",
            "2022-09-28T02:30:00Z",
            "Wed, 28 Sep 2022 10:30:00 +0800",
            "Wed, 28 Sep 2022 10:30:00 CST",
            "28 Sep 2022 02:30:00 GMT",
            "Wed, 28 Sep 2022 10:30:00 GMT+8",
            "Wed, 28 Sep 2022 10:30:00 GMT+08:00",
            "Thu, 28 Sep 2022 10:30:00 +0800",
            "2022-09-28 10:30:00",
            "2022-09-28 10:30",
            "2022/09/28 10:30:00",
            "2022-09-28T10:30:00",
            "2022年09月28日 10:30",
            "2022年9月28日 10时30分",
            "２０２２年０９月２８日 １０：３０",
            "2022-09-28 10:30:00 CST",
            "2022-09-28 10:30:00 +0800",
            "2022-09-28 02:30:00 UTC",
            "2022-09-28 10:30:00.000",
            "Sep 28, 2022 10:30:00",
        ] {
            assert_eq!(parse_date(s, Shanghai), t, "{s}");
        }
        let midnight = utc("2022-09-27T16:00:00Z");
        for s in [
            "2022/9/28",
            "2022年09月28日",
            "2022-09-28",
            "2022.09.28",
            "2022年9月28日 星期三",
        ] {
            assert_eq!(parse_date(s, Shanghai), midnight, "{s}");
        }
        assert_eq!(
            parse_date("2022-09-28 10:30", chrono_tz::UTC),
            utc("2022-09-28T10:30:00Z")
        );
        assert_eq!(
            parse_date("1664332200", Shanghai),
            utc("2022-09-28T02:30:00Z")
        );
        for bad in [
            "",
            "soon",
            "2022-13-45",
            "32 Foo 2022",
            "2022-09-28 10:30 Mars",
            "12",
        ] {
            assert_eq!(parse_date(bad, Shanghai), None, "{bad}");
        }
    }
}
