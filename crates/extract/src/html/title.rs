//! The article's headline, chosen among what the page offers: the `<h1>`,
//! `og:title`/`twitter:title`, JSON-LD `headline` and `<title>`. Page titles
//! carry the site's name ("Port fire | Harbor Line"); the `<h1>` usually is
//! the headline but on some templates is the site's logo. So the `<h1>` wins
//! when a title from the metadata agrees with it, and otherwise the
//! metadata's title, stripped of the site name, does.

use super::head::{collapse_ws, HeadMetadata};

/// Separators between a headline and a site name in page titles.
const SEPARATORS: [&str; 8] = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "];

pub fn choose(head: &HeadMetadata, headline: Option<&str>, site: Option<&str>) -> Option<String> {
    let h1 = headline
        .map(str::to_string)
        .or_else(|| head.h1.clone())
        .map(|h| collapse_ws(&h));
    let h1 = h1.filter(|h| !h.is_empty() && h.chars().count() <= 300);
    let metas: Vec<String> = [
        head.meta(&["og:title"]).map(|(_, v)| v.to_string()),
        head.meta(&["twitter:title"]).map(|(_, v)| v.to_string()),
        head.json_ld.headline.clone(),
        head.title_tag.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|t| strip_site(&collapse_ws(&t), site))
    .filter(|t| !t.is_empty())
    .collect();
    if let Some(h) = &h1 {
        if metas.iter().any(|m| agrees(h, m)) || metas.is_empty() {
            return Some(h.clone());
        }
    }
    metas.into_iter().next().or(h1)
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two titles name the same headline: most words of the shorter
/// one occur in the longer one.
fn agrees(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    if short.is_empty() {
        return false;
    }
    let shared = short.iter().filter(|w| long.contains(w)).count();
    shared * 10 >= short.len() * 7
}

/// Remove a leading or trailing site name from a page title: a segment
/// equal to the site's name or host, or a short trailing segment after a
/// separator when the rest is a longer headline.
pub fn strip_site(title: &str, site: Option<&str>) -> String {
    let site_words = site.map(words).unwrap_or_default();
    let is_site = |seg: &str| {
        let w = words(seg);
        !w.is_empty()
            && (w == site_words
                || (!site_words.is_empty() && w.iter().all(|x| site_words.contains(x)))
                || seg.contains(".com")
                || seg.contains(".org"))
    };
    let mut t = title.trim().to_string();
    for sep in SEPARATORS {
        if let Some((head, tail)) = t.rsplit_once(sep) {
            let tail_short = words(tail).len() <= 4 && words(head).len() >= 3;
            if is_site(tail) || (tail_short && sep != " - " && sep != " / ") {
                t = head.trim().to_string();
                continue;
            }
            if sep == " - " && is_site(tail) {
                t = head.trim().to_string();
            }
        }
        if let Some((head, tail)) = t.split_once(sep) {
            if is_site(head) && words(tail).len() >= 2 {
                t = tail.trim().to_string();
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_are_stripped_from_page_titles() {
        assert_eq!(
            strip_site(
                "Ferry resumes after repairs | Harbor Line",
                Some("Harbor Line")
            ),
            "Ferry resumes after repairs"
        );
        assert_eq!(
            strip_site(
                "Harbor Line - Ferry resumes after repairs",
                Some("Harbor Line")
            ),
            "Ferry resumes after repairs"
        );
        assert_eq!(
            strip_site("Ferry resumes after repairs - harborline.com", None),
            "Ferry resumes after repairs"
        );
        assert_eq!(
            strip_site("Ferry resumes after repairs | Local News", None),
            "Ferry resumes after repairs"
        );
        // A dash inside a headline stays when the tail is not the site.
        assert_eq!(
            strip_site("COVID-19 - what the new rules mean", Some("Harbor Line")),
            "COVID-19 - what the new rules mean"
        );
    }

    #[test]
    fn the_h1_wins_when_the_metadata_agrees_with_it() {
        let mut head = HeadMetadata {
            h1: Some("Ferry resumes after three weeks".into()),
            ..Default::default()
        };
        head.metas.push((
            "og:title".into(),
            "Ferry resumes after three weeks of repairs | Harbor Line".into(),
        ));
        assert_eq!(
            choose(&head, None, Some("Harbor Line")).as_deref(),
            Some("Ferry resumes after three weeks")
        );
    }

    #[test]
    fn a_logo_h1_loses_to_the_metadata_title() {
        let mut head = HeadMetadata {
            h1: Some("Harbor Line".into()),
            ..Default::default()
        };
        head.title_tag = Some("Ferry resumes after repairs | Harbor Line".into());
        assert_eq!(
            choose(&head, None, Some("Harbor Line")).as_deref(),
            Some("Ferry resumes after repairs")
        );
    }
}
