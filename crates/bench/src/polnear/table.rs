//! The markdown tables of `bench-quotes` and the bars from the project issue.

use super::scorer::{Counts, Mode, Role, Subset, Totals};

/// The timing of the analysis over one split.
#[derive(Debug, Clone, Copy, Default)]
pub struct Speed {
    pub docs: usize,
    pub words: usize,
    /// CPU seconds of the one analysing thread, fastest pass.
    pub seconds: f64,
    pub passes: usize,
}

impl Speed {
    pub fn docs_per_second(&self) -> f64 {
        self.docs as f64 / self.seconds.max(1e-9)
    }
    pub fn words_per_second(&self) -> f64 {
        self.words as f64 / self.seconds.max(1e-9)
    }
}

/// Best published figures, on PARC3 (another corpus): speaker (source) span
/// F1 exact / overlap, cue F1 (mode not stated), content F1 exact / overlap.
pub const PARC3_SOURCE: (f64, f64) = (0.820, 0.853);
pub const PARC3_CUE: f64 = 0.823;
pub const PARC3_CONTENT: (f64, f64) = (0.593, 0.833);

/// The bars: direct-quote content F1 by overlap, speaker right (over all
/// gold direct quotes with a source), all-attribution source F1 by overlap,
/// documents per second on one core.
pub const BAR_QUOTE_F1: f64 = 0.85;
pub const BAR_SPEAKER: f64 = 0.85;
pub const BAR_SOURCE_F1: f64 = 0.70;
pub const BAR_DOCS_PER_SECOND: f64 = 300.0;

fn f3(x: f64) -> String {
    format!("{x:.3}")
}

fn cells(c: &Counts) -> [String; 3] {
    [f3(c.precision()), f3(c.recall()), f3(c.f1())]
}

/// P/R/F1 per span type × subset, exact and by overlap.
pub fn spans_table(t: &Totals) -> String {
    let mut out = String::from(
        "| subset | span | gold | predicted | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 |\n\
         |---|---|---|---|---|---|---|---|---|---|\n",
    );
    for subset in Subset::ALL {
        for role in Role::ALL {
            let ex = t.cell(subset, role, Mode::Exact);
            let ov = t.cell(subset, role, Mode::Overlap);
            let [ep, er, ef] = cells(ex);
            let [op, or, of] = cells(ov);
            out.push_str(&format!(
                "| {} | {} | {} | {} | {ep} | {er} | {ef} | {op} | {or} | {of} |\n",
                subset.label(),
                role.label(),
                ex.gold,
                ex.predicted
            ));
        }
    }
    out
}

/// Our all-attribution F1s beside the best published PARC3 figures.
pub fn reference_table(t: &Totals) -> String {
    let f = |role, mode| f3(t.cell(Subset::All, role, mode).f1());
    let mut out = String::from(
        "| F1, all attributions | source exact | source overlap | cue exact | cue overlap | content exact | content overlap |\n\
         |---|---|---|---|---|---|---|\n",
    );
    out.push_str(&format!(
        "| crosscheck (PolNeAR) | {} | {} | {} | {} | {} | {} |\n",
        f(Role::Source, Mode::Exact),
        f(Role::Source, Mode::Overlap),
        f(Role::Cue, Mode::Exact),
        f(Role::Cue, Mode::Overlap),
        f(Role::Content, Mode::Exact),
        f(Role::Content, Mode::Overlap),
    ));
    out.push_str(&format!(
        "| best published (PARC3, another corpus) | {} | {} | {} (mode not stated) | – | {} | {} |\n",
        f3(PARC3_SOURCE.0),
        f3(PARC3_SOURCE.1),
        f3(PARC3_CUE),
        f3(PARC3_CONTENT.0),
        f3(PARC3_CONTENT.1),
    ));
    out
}

/// The speaker-right shares.
pub fn speaker_table(t: &Totals) -> String {
    let s = &t.speaker;
    format!(
        "| speaker right, gold direct quotes | right | of | share |\n\
         |---|---|---|---|\n\
         | of those matched by content overlap (with a gold source) | {} | {} | {} |\n\
         | of all with a gold source | {} | {} | {} |\n",
        s.right,
        s.matched_with_source,
        f3(s.over_matched()),
        s.right,
        s.with_source,
        f3(s.over_all()),
    )
}

pub fn speed_table(s: &Speed) -> String {
    format!(
        "| documents | words | CPU seconds (fastest of {}) | documents/s (1 core) | words/s (1 core) |\n\
         |---|---|---|---|---|\n\
         | {} | {} | {:.4} | {:.1} | {:.0} |\n",
        s.passes,
        s.docs,
        s.words,
        s.seconds,
        s.docs_per_second(),
        s.words_per_second()
    )
}

/// The bars from the issue: target, measured, met or not.
pub fn bars_table(t: &Totals, s: &Speed) -> String {
    let rows = [
        (
            "direct quotes: content F1 by overlap",
            BAR_QUOTE_F1,
            t.cell(Subset::Direct, Role::Content, Mode::Overlap).f1(),
            3,
        ),
        (
            "direct quotes: speaker right (of all with a gold source)",
            BAR_SPEAKER,
            t.speaker.over_all(),
            3,
        ),
        (
            "all attributions: source F1 by overlap",
            BAR_SOURCE_F1,
            t.cell(Subset::All, Role::Source, Mode::Overlap).f1(),
            3,
        ),
        (
            "documents per second, one core",
            BAR_DOCS_PER_SECOND,
            s.docs_per_second(),
            1,
        ),
    ];
    let mut out = String::from("| bar | target | measured | verdict |\n|---|---|---|---|\n");
    for (name, target, measured, digits) in rows {
        out.push_str(&format!(
            "| {name} | ≥ {target:.digits$} | {measured:.digits$} | {} |\n",
            if measured >= target { "met" } else { "NOT met" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals() -> Totals {
        let mut t = Totals::default();
        t.grid[Subset::Direct as usize][Role::Content as usize][Mode::Overlap as usize] = Counts {
            gold: 10,
            predicted: 10,
            matched: 9,
        };
        t.grid[Subset::All as usize][Role::Source as usize][Mode::Overlap as usize] = Counts {
            gold: 10,
            predicted: 20,
            matched: 6,
        };
        t.speaker.right = 8;
        t.speaker.matched_with_source = 9;
        t.speaker.with_source = 10;
        t
    }

    #[test]
    fn bars_say_met_and_not_met() {
        let speed = Speed {
            docs: 300,
            words: 1000,
            seconds: 0.5,
            passes: 3,
        };
        let b = bars_table(&totals(), &speed);
        assert!(
            b.contains("| direct quotes: content F1 by overlap | ≥ 0.850 | 0.900 | met |"),
            "{b}"
        );
        assert!(
            b.contains("speaker right (of all with a gold source) | ≥ 0.850 | 0.800 | NOT met |"),
            "{b}"
        );
        // P 0.3, R 0.6: F1 0.4.
        assert!(
            b.contains("source F1 by overlap | ≥ 0.700 | 0.400 | NOT met |"),
            "{b}"
        );
        assert!(b.contains("| ≥ 300.0 | 600.0 | met |"), "{b}");
    }

    #[test]
    fn span_table_has_six_rows_and_speaker_shares() {
        let t = totals();
        let s = spans_table(&t);
        assert_eq!(s.lines().count(), 8);
        assert!(s.contains("| direct quotes | content | 0 | 0 | 0.000 | 0.000 | 0.000 | 0.900 | 0.900 | 0.900 |"), "{s}");
        let sp = speaker_table(&t);
        assert!(
            sp.contains("| 8 | 9 | 0.889 |") && sp.contains("| 8 | 10 | 0.800 |"),
            "{sp}"
        );
        assert!(reference_table(&t)
            .contains("| 0.820 | 0.853 | 0.823 (mode not stated) | – | 0.593 | 0.833 |"));
    }
}
