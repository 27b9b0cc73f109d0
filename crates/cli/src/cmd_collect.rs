//! Collecting from the web: the fetch options of `ingest URL...`,
//! `crosscheck watch` (feeds followed on a schedule) and `crosscheck
//! sources` (the fetch log).

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Result};
use clap::Args;
use crosscheck_engine::collect::{collect, CollectSummary, FeedReport, Targets};
use crosscheck_engine::pipeline::IngestRequest;
use crosscheck_fetch::{Config, Fetcher};
use crosscheck_ingest::Limits;
use crosscheck_store::{SqliteStore, Store};

use crate::exit::Exit;
use crate::output::{one_line, Out};
use crate::{Cli, Format};

/// How pages and feeds are fetched.
#[derive(Args, Debug, Clone)]
pub struct FetchArgs {
    /// Longest wait for one response, body included (e.g. 30s, 2m).
    #[arg(long, default_value = "30s", value_parser = parse_duration)]
    pub timeout: Duration,
    /// Pause between two requests to one host (a robots.txt Crawl-delay may
    /// make it longer).
    #[arg(long, default_value = "1s", value_parser = parse_duration)]
    pub delay: Duration,
    /// Largest response accepted, in bytes.
    #[arg(long, default_value_t = Config::default().max_bytes)]
    pub max_page_size: u64,
    /// Tries after the first for a transient failure (timeout, 429, 5xx).
    #[arg(long, default_value_t = Config::default().retries)]
    pub retries: u32,
}

impl FetchArgs {
    pub fn config(&self) -> Config {
        Config {
            timeout: self.timeout,
            connect_timeout: self.timeout.min(Duration::from_secs(10)),
            host_delay: self.delay,
            max_bytes: self.max_page_size,
            retries: self.retries,
            ..Config::default()
        }
    }
}

/// `15m`, `30s`, `2h`, `500ms`, or seconds alone.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration (e.g. 30s, 15m, 1h)"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        other => {
            return Err(format!(
                "unknown unit {other:?} in {s:?} (use ms, s, m or h)"
            ))
        }
    };
    if !secs.is_finite() || !(0.0..=7.0 * 86400.0).contains(&secs) {
        return Err(format!("{s:?} is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// Feed URLs (or feed files) to follow.
    #[arg(required = true)]
    pub feeds: Vec<PathBuf>,
    /// Time between two rounds.
    #[arg(long, default_value = "15m", value_parser = parse_duration)]
    pub every: Duration,
    /// Stop after this many rounds (default: until Ctrl-C).
    #[arg(long)]
    pub rounds: Option<u64>,
    #[command(flatten)]
    pub fetch: FetchArgs,
    /// Worker threads (default: all cores).
    #[arg(long, short)]
    pub jobs: Option<usize>,
    /// Output format of each round's summary.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `crosscheck watch`: a round (fetch the feeds, conditionally; fetch their
/// new items; ingest) every `--every`, until Ctrl-C or `--rounds`.
pub fn watch(cli: &Cli, args: &WatchArgs) -> Result<Exit> {
    let (targets, other) = Targets::split(&args.feeds);
    if let Some(p) = other.first() {
        bail!(
            "{} is neither a feed URL nor a feed file (watch follows feeds; use ingest for files)",
            p.display()
        );
    }
    let interrupt = crate::interrupt::on_signals();
    let fetcher = Fetcher::new(args.fetch.config());
    let mut store = SqliteStore::open(&cli.db)?;
    let req = IngestRequest {
        paths: Vec::new(),
        jobs: crate::cmd_ingest::jobs(args.jobs),
        limits: Limits::default(),
        interrupt: interrupt.clone(),
        follow_links: false,
    };
    let mut round = 0u64;
    let mut failed_rounds = 0u64;
    loop {
        round += 1;
        let started = std::time::Instant::now();
        match collect(&mut store, &fetcher, &targets, &req, &mut |_, _| {}) {
            Ok(summary) => {
                if !summary.ingest.failures.is_empty() {
                    failed_rounds += 1;
                }
                print_round(round, &summary, args.format, cli.quiet)?;
                if summary.ingest.interrupted {
                    return Ok(Exit::Interrupted);
                }
            }
            // A round that fails as a whole (the database locked too long,
            // the disk full) is reported and the next round tries again:
            // a watcher outlives a bad moment.
            Err(e) => {
                failed_rounds += 1;
                crate::output::warn(&format!(
                    "round {round} failed: {}",
                    crate::output::one_line(&format!("{e:#}"))
                ));
            }
        }
        if interrupt.is_set() {
            return Ok(Exit::Interrupted);
        }
        if args.rounds.is_some_and(|n| round >= n) {
            break;
        }
        // Sleep until the next round, waking for Ctrl-C.
        let next = started + args.every;
        while std::time::Instant::now() < next {
            if interrupt.is_set() {
                return Ok(Exit::Interrupted);
            }
            std::thread::sleep(Duration::from_millis(100).min(next - std::time::Instant::now()));
        }
    }
    Ok(if failed_rounds == 0 {
        Exit::Ok
    } else {
        Exit::SomeInputsFailed
    })
}

fn print_round(round: u64, s: &CollectSummary, format: Format, quiet: bool) -> Result<()> {
    let mut w = Out::stdout();
    if format == Format::Json {
        let mut v = s.to_json();
        v["round"] = round.into();
        writeln!(w, "{}", serde_json::to_string(&v)?)?;
        w.finish()?;
        return Ok(());
    }
    if !quiet {
        let time = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC");
        writeln!(
            w,
            "round {round} at {time}: {} requests, {} new articles, {} known, {} failed",
            s.requests,
            s.ingest.inserted.len(),
            s.known_items,
            s.ingest.failures.len()
        )?;
        print_feeds(&mut w, &s.feeds)?;
    }
    w.finish()?;
    crate::cmd_ingest::print_summary(&s.ingest, Format::Table, quiet)?;
    Ok(())
}

/// One line per feed read.
pub fn print_feeds(w: &mut Out, feeds: &[FeedReport]) -> std::io::Result<()> {
    for f in feeds {
        let what = match (&f.error, f.not_modified) {
            (Some(e), _) => format!("failed: {}", one_line(e)),
            (None, true) => "unchanged since the last fetch".to_string(),
            (None, false) => format!(
                "{}{}: {} items, {} fetched{}",
                f.format.unwrap_or("feed"),
                f.title
                    .as_deref()
                    .map(|t| format!(" \"{}\"", one_line(t)))
                    .unwrap_or_default(),
                f.items,
                f.new_items,
                if f.left_for_next_run > 0 {
                    format!(" ({} more wait for the next run)", f.left_for_next_run)
                } else {
                    String::new()
                }
            ),
        };
        writeln!(w, "  feed {}: {what}", one_line(&f.source))?;
    }
    Ok(())
}

#[derive(Args, Debug)]
pub struct SourcesArgs {
    /// Show the fetch log of this URL (newest first).
    pub url: Option<String>,
    /// Most fetches shown for one URL.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `crosscheck sources`: every URL fetched with its counts and latest
/// outcome, failing ones first; or one URL's fetch log.
pub fn sources(cli: &Cli, args: &SourcesArgs) -> Result<Exit> {
    let store = crate::cmd_show::open_existing(cli)?;
    let mut w = Out::stdout();
    let when = |at: i64| {
        chrono::DateTime::from_timestamp(at, 0)
            .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_else(|| "-".into())
    };
    let outcome = |status: Option<u16>, error: &Option<String>| match (status, error) {
        (_, Some(e)) => format!("failed: {}", one_line(e)),
        (Some(s), None) => format!("HTTP {s}"),
        (None, None) => "-".to_string(),
    };
    if let Some(url) = &args.url {
        let log = store.fetch_log(Some(url), args.limit)?;
        if log.is_empty() {
            crate::output::warn(&format!("error: no fetch of {url} on record"));
            return Ok(Exit::NotFound);
        }
        if args.format == Format::Json {
            let v: Vec<serde_json::Value> = log.iter().map(fetch_json).collect();
            write!(
                w,
                "{}",
                crate::output::json_pretty(&serde_json::Value::Array(v))?
            )?;
        } else {
            for f in &log {
                writeln!(
                    w,
                    "{}  {:<6} {:>9} bytes {:>6} ms  {}{}",
                    when(f.at),
                    f.kind,
                    f.bytes,
                    f.millis,
                    outcome(f.status, &f.error),
                    f.final_url
                        .as_deref()
                        .map(|u| format!(" -> {}", one_line(u)))
                        .unwrap_or_default()
                )?;
            }
        }
        w.finish()?;
        return Ok(Exit::Ok);
    }
    let all = store.sources()?;
    if args.format == Format::Json {
        let v: Vec<serde_json::Value> = all
            .iter()
            .map(|s| {
                serde_json::json!({
                    "url": s.url, "kind": s.kind, "fetches": s.fetches, "failures": s.failures,
                    "bytes": s.bytes, "last_ok_at": s.last_ok_at, "last": fetch_json(&s.last),
                })
            })
            .collect();
        write!(
            w,
            "{}",
            crate::output::json_pretty(&serde_json::Value::Array(v))?
        )?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    if all.is_empty() {
        writeln!(
            w,
            "no fetches on record (ingest a URL or watch a feed first)"
        )?;
    }
    let failing = all.iter().filter(|s| s.last.error.is_some()).count();
    if !all.is_empty() {
        writeln!(
            w,
            "{} URLs fetched, {failing} failing at their last fetch",
            all.len()
        )?;
    }
    for s in &all {
        writeln!(
            w,
            "{:<6} {}  fetches {} (failed {}), last {} {}{}",
            s.kind,
            one_line(&s.url),
            s.fetches,
            s.failures,
            when(s.last.at),
            outcome(s.last.status, &s.last.error),
            match (s.last.error.is_some(), s.last_ok_at) {
                (true, Some(ok)) => format!("; last success {}", when(ok)),
                (true, None) => "; never succeeded".to_string(),
                _ => String::new(),
            }
        )?;
    }
    w.finish()?;
    Ok(Exit::Ok)
}

fn fetch_json(f: &crosscheck_store::FetchRecord) -> serde_json::Value {
    serde_json::json!({
        "url": f.url, "kind": f.kind, "at": f.at, "status": f.status, "bytes": f.bytes,
        "millis": f.millis, "error": f.error, "final_url": f.final_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(parse_duration("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_duration("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("2h").unwrap(), Duration::from_secs(7200));
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("45").unwrap(), Duration::from_secs(45));
        for bad in ["", "m", "5 days", "-1s", "1e9h"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
