//! The pages of a JSON list API paged by a query parameter: a page number (`pageNo=2`,
//! `page=2`, `pageIndex=2`, `current=2`) or an offset (`offset=15`, `start=15`, stepped by
//! `limit=`/`pageSize=` or by the records a page held). Used by the backfill (`pages = N`
//! on `kind = "json"`: the first poll reads N pages) and by `zonefeed add`, which offers
//! the backfill when the API's address has such a parameter. Pure: addresses in and out;
//! the rest of the query is kept byte for byte, in its order.

use url::Url;

/// How an API's address pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The parameter counts pages: the next page is one more.
    Page,
    /// The parameter counts records: the next page starts `by` further (the page size the
    /// address gives), or as many further as the page held when it gives none.
    Offset { by: Option<u64> },
}

/// The parameter that pages an API, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// As the address writes it (`pageNo`).
    pub param: String,
    pub value: u64,
    pub step: Step,
}

/// Page-number parameters, compared lower-case without `_` and `-`.
const PAGE_PARAMS: [&str; 12] = [
    "page",
    "pageno",
    "pagenum",
    "pagenumber",
    "pageindex",
    "pageidx",
    "curpage",
    "currentpage",
    "current",
    "pn",
    "pagecurrent",
    "nowpage",
];
/// Offset parameters.
const OFFSET_PARAMS: [&str; 5] = ["offset", "start", "startindex", "from", "skip"];
/// Page-size parameters, the step of an offset.
const SIZE_PARAMS: [&str; 8] = [
    "limit", "pagesize", "size", "rows", "perpage", "ps", "length", "count",
];

fn norm(k: &str) -> String {
    k.to_ascii_lowercase().replace(['_', '-'], "")
}

/// The query's pairs as written (not decoded), in order.
fn pairs(url: &Url) -> Vec<(&str, &str)> {
    url.query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect()
}

/// The parameter that pages `url`, if its query has one with a number.
pub fn paging(url: &Url) -> Option<Paging> {
    let q = pairs(url);
    let number = |v: &str| v.parse::<u64>().ok();
    if let Some((k, v)) = q
        .iter()
        .find(|(k, v)| PAGE_PARAMS.contains(&norm(k).as_str()) && number(v).is_some())
    {
        return Some(Paging {
            param: (*k).to_string(),
            value: number(v)?,
            step: Step::Page,
        });
    }
    let (k, v) = q
        .iter()
        .find(|(k, v)| OFFSET_PARAMS.contains(&norm(k).as_str()) && number(v).is_some())?;
    let by = q
        .iter()
        .find(|(k, _)| SIZE_PARAMS.contains(&norm(k).as_str()))
        .and_then(|(_, v)| number(v))
        .filter(|n| *n > 0);
    Some(Paging {
        param: (*k).to_string(),
        value: number(v)?,
        step: Step::Offset { by },
    })
}

/// The address of the page after `url`, which held `records` records; None when `url`
/// is not paged by a parameter, or an offset has no step.
pub fn next_page(url: &Url, records: usize) -> Option<Url> {
    let p = paging(url)?;
    let next = match p.step {
        Step::Page => p.value.checked_add(1)?,
        Step::Offset { by: Some(by) } => p.value.checked_add(by)?,
        Step::Offset { by: None } if records > 0 => p.value.checked_add(records as u64)?,
        Step::Offset { by: None } => return None,
    };
    let query: Vec<String> = pairs(url)
        .into_iter()
        .map(|(k, v)| {
            if k == p.param {
                format!("{k}={next}")
            } else if v.is_empty() && !url.query().unwrap_or("").contains(&format!("{k}=")) {
                k.to_string()
            } else {
                format!("{k}={v}")
            }
        })
        .collect();
    let mut u = url.clone();
    u.set_query(Some(&query.join("&")));
    Some(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(u: &str, records: usize) -> Option<String> {
        next_page(&Url::parse(u).ok()?, records).map(|u| u.to_string())
    }

    #[test]
    fn page_numbers_count_up_and_the_rest_of_the_query_stays() {
        assert_eq!(
            next("http://h/api/list?channelId=3&pageNo=1&pageSize=15", 15).as_deref(),
            Some("http://h/api/list?channelId=3&pageNo=2&pageSize=15")
        );
        assert_eq!(
            next(
                "http://h/x.do?callback=cb&channelId=1024&pageIndex=1&pageSize=12",
                12
            )
            .as_deref(),
            Some("http://h/x.do?callback=cb&channelId=1024&pageIndex=2&pageSize=12")
        );
        assert_eq!(
            next("http://h/api?page=3&kw=%E6%96%B0", 0).as_deref(),
            Some("http://h/api?page=4&kw=%E6%96%B0")
        );
    }

    #[test]
    fn offsets_step_by_the_page_size_or_by_what_a_page_held() {
        assert_eq!(
            next("http://h/api/articles?column=xqyw&offset=15&limit=15", 15).as_deref(),
            Some("http://h/api/articles?column=xqyw&offset=30&limit=15")
        );
        assert_eq!(
            next("http://h/api?start=0", 20).as_deref(),
            Some("http://h/api?start=20")
        );
        assert_eq!(next("http://h/api?start=0", 0), None);
    }

    #[test]
    fn an_address_without_a_paging_number_has_no_next_page() {
        assert_eq!(next("http://h/api/list?channelId=3", 10), None);
        assert_eq!(next("http://h/api/list?page=last", 10), None);
        assert_eq!(next("http://h/api/list", 10), None);
    }
}
