//! The markdown table and the bars from the project issue.

use crate::evaluate::{Metrics, Share};
use crate::systems::SystemId;

/// One row: a system and its figures, or why it did not run.
pub struct Row {
    pub system: SystemId,
    pub outcome: Result<Measured, String>,
}

pub struct Measured {
    pub metrics: Metrics,
    pub pages: usize,
    /// CPU seconds of the extracting thread.
    pub seconds: f64,
    pub wall_seconds: f64,
}

impl Measured {
    pub fn pages_per_second(&self) -> f64 {
        self.pages as f64 / self.seconds.max(1e-9)
    }
}

const HEADER: &[&str] = &[
    "system",
    "AEB F1",
    "AEB P",
    "AEB R",
    "AEB acc",
    "WCXB F1",
    "WCXB P",
    "WCXB R",
    "with kept %",
    "without dropped %",
    "title acc",
    "title lenient",
    "author acc",
    "date acc",
    "pages/s (1 core)",
    "× trafilatura",
];

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn share3(s: &Share) -> String {
    s.value().map(f3).unwrap_or_else(|| "–".into())
}

fn pct(s: &Share) -> String {
    s.value()
        .map(|v| format!("{:.1}", v * 100.0))
        .unwrap_or_else(|| "–".into())
}

fn trafilatura_speed(rows: &[Row]) -> Option<f64> {
    rows.iter()
        .find(|r| r.system == SystemId::Trafilatura)?
        .outcome
        .as_ref()
        .ok()
        .map(Measured::pages_per_second)
}

/// The markdown table, one row per system.
pub fn render(rows: &[Row]) -> String {
    let base = trafilatura_speed(rows);
    let mut out = String::new();
    out.push_str(&format!("| {} |\n", HEADER.join(" | ")));
    out.push_str(&format!("|{}\n", "---|".repeat(HEADER.len())));
    for row in rows {
        let cells: Vec<String> = match &row.outcome {
            Err(_) => {
                let mut c = vec!["not run".to_string()];
                c.resize(HEADER.len() - 1, "–".into());
                c
            }
            Ok(m) => {
                let x = &m.metrics;
                let speed = m.pages_per_second();
                vec![
                    f3(x.aeb.f1),
                    f3(x.aeb.precision),
                    f3(x.aeb.recall),
                    f3(x.aeb.accuracy),
                    f3(x.wcxb.f1),
                    f3(x.wcxb.precision),
                    f3(x.wcxb.recall),
                    pct(&x.with_kept),
                    pct(&x.without_dropped),
                    share3(&x.title_strict),
                    share3(&x.title_lenient),
                    share3(&x.author),
                    share3(&x.date),
                    format!("{speed:.1}"),
                    base.map(|b| format!("{:.1}×", speed / b))
                        .unwrap_or_else(|| "–".into()),
                ]
            }
        };
        out.push_str(&format!(
            "| {} | {} |\n",
            row.system.label(),
            cells.join(" | ")
        ));
    }
    out
}

/// The bars from the project issue, checked against the `crosscheck` row.
pub fn bars(rows: &[Row]) -> String {
    let ours = rows
        .iter()
        .find(|r| r.system == SystemId::Crosscheck)
        .and_then(|r| r.outcome.as_ref().ok());
    let base = trafilatura_speed(rows);
    let verdict = |v: Option<f64>, bar: f64| match v {
        None => "not measured".to_string(),
        Some(v) if v >= bar => format!("met ({v:.3})"),
        Some(v) => format!("NOT met ({v:.3})"),
    };
    let speed_ratio = ours.zip(base).map(|(m, b)| m.pages_per_second() / b);
    let mut out = String::from("Bars (crosscheck row):\n");
    out.push_str(&format!(
        "- AEB F1 >= 0.97: {}\n",
        verdict(ours.map(|m| m.metrics.aeb.f1), 0.97)
    ));
    out.push_str(&format!(
        "- WCXB F1 >= 0.94: {}\n",
        verdict(ours.map(|m| m.metrics.wcxb.f1), 0.94)
    ));
    out.push_str(&format!(
        "- date accuracy >= 0.90: {}\n",
        verdict(ours.and_then(|m| m.metrics.date.value()), 0.90)
    ));
    let speed = match speed_ratio {
        None => "not measured".to_string(),
        Some(r) if r >= 20.0 => format!("met ({r:.1}×)"),
        Some(r) => format!("NOT met ({r:.1}×)"),
    };
    out.push_str(&format!("- pages/s >= 20× trafilatura: {speed}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(f1: f64, pages: usize, seconds: f64) -> Result<Measured, String> {
        let mut metrics = Metrics::default();
        metrics.aeb.f1 = f1;
        metrics.wcxb.f1 = f1;
        metrics.date = Share { hits: 9, total: 10 };
        Ok(Measured {
            metrics,
            pages,
            seconds,
            wall_seconds: seconds,
        })
    }

    #[test]
    fn table_has_one_row_per_system_and_a_speed_ratio() {
        let rows = vec![
            Row {
                system: SystemId::Crosscheck,
                outcome: measured(0.98, 100, 0.5),
            },
            Row {
                system: SystemId::DomSmoothie,
                outcome: Err("offline".into()),
            },
            Row {
                system: SystemId::Trafilatura,
                outcome: measured(0.9, 100, 10.0),
            },
        ];
        let t = render(&rows);
        assert_eq!(t.lines().count(), 5);
        assert!(t.contains("| crosscheck | 0.980 |"));
        assert!(t.contains("| 200.0 | 20.0× |"));
        assert!(t.contains("| dom_smoothie | not run |"));
        let b = bars(&rows);
        assert!(b.contains("AEB F1 >= 0.97: met (0.980)"));
        assert!(b.contains("date accuracy >= 0.90: met (0.900)"));
        assert!(b.contains("20× trafilatura: met (20.0×)"));
    }

    #[test]
    fn bars_without_measurements_say_so() {
        let rows = vec![Row {
            system: SystemId::Crosscheck,
            outcome: Err("not built".into()),
        }];
        assert_eq!(bars(&rows).matches("not measured").count(), 4);
        assert!(render(&rows).contains("| crosscheck | not run | – |"));
    }
}
