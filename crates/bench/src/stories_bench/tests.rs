use super::data::{entity_names, parse_bodies};
use super::score::{assign, f1, score, Scores};
use super::{grid, MERGE_GRID};
use crosscheck_cluster::Params;
use crosscheck_model::{DocAnalysis, DocEntity, EntityKind};

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-12, "{what}: got {got}, want {want}");
}

/// (BCubed P, R, F1, pairwise P, R, F1).
fn check(s: &Scores, want: [f64; 6]) {
    let got = [
        s.bcubed_precision,
        s.bcubed_recall,
        s.bcubed_f1,
        s.pair_precision,
        s.pair_recall,
        s.pair_f1,
    ];
    let names = ["B3 P", "B3 R", "B3 F1", "pair P", "pair R", "pair F1"];
    for ((g, w), n) in got.iter().zip(want).zip(names) {
        close(*g, w, n);
    }
}

// Gold: a a a b b (pairs: 3 in a, 1 in b = 4 true pairs of 10).
const GOLD: [&str; 5] = ["a", "a", "a", "b", "b"];

#[test]
fn a_perfect_clustering_scores_one_whatever_its_labels() {
    let s = score(&GOLD, &[7, 7, 7, 2, 2]);
    check(&s, [1.0; 6]);
    assert_eq!(
        (s.documents, s.predicted_clusters, s.gold_clusters),
        (5, 2, 2)
    );
}

#[test]
fn all_singletons_have_full_bcubed_precision_and_no_pairs() {
    let s = score(&GOLD, &[0, 1, 2, 3, 4]);
    // B3 R: the a's 1/3 each, the b's 1/2 each: (1 + 1) / 5 = 2/5.
    // F1 = 2 * 1 * 0.4 / 1.4 = 4/7. No predicted pair: pairwise P = 0 (4 missed).
    check(&s, [1.0, 0.4, 4.0 / 7.0, 0.0, 0.0, 0.0]);
    assert_eq!(s.predicted_clusters, 5);
}

#[test]
fn all_in_one_has_full_recall() {
    let s = score(&GOLD, &[0; 5]);
    // B3 P: the a's 3/5 each, the b's 2/5 each: (9/5 + 4/5) / 5 = 13/25.
    // F1 = 2 * 0.52 / 1.52 = 13/19. Pairs: 10 predicted, 4 true: P 0.4, F1 0.8/1.4 = 4/7.
    check(&s, [0.52, 1.0, 13.0 / 19.0, 0.4, 1.0, 4.0 / 7.0]);
    assert_eq!(s.predicted_clusters, 1);
}

#[test]
fn a_mixed_clustering_is_scored_by_hand() {
    // Gold a a a a b b; predicted x x x y y y (one a among the b's).
    let s = score(
        &["a", "a", "a", "a", "b", "b"],
        &["x", "x", "x", "y", "y", "y"],
    );
    // B3 P: x's 3/3 ×3, the a in y 1/3, the b's 2/3 ×2: (3 + 1/3 + 4/3) / 6 = 7/9.
    // B3 R: x's 3/4 ×3, the a in y 1/4, the b's 2/2 ×2: (9/4 + 1/4 + 2) / 6 = 3/4.
    // F1 = 2 (7/9)(3/4) / (7/9 + 3/4) = 42/55.
    // Pairs: predicted 3 + 3 = 6; true 6 + 1 = 7; both: 3 (x) + 1 (b b) = 4.
    // P 4/6, R 4/7, F1 = 2 (2/3)(4/7) / (2/3 + 4/7) = 8/13.
    check(
        &s,
        [
            7.0 / 9.0,
            0.75,
            42.0 / 55.0,
            2.0 / 3.0,
            4.0 / 7.0,
            8.0 / 13.0,
        ],
    );
    assert_eq!((s.predicted_clusters, s.gold_clusters), (2, 2));
}

#[test]
fn singletons_against_singleton_gold_are_perfect_and_empty_input_scores_one() {
    check(&score(&["a", "b", "c"], &[0, 1, 2]), [1.0; 6]);
    check(&score::<&str, usize>(&[], &[]), [1.0; 6]);
    assert_eq!(f1(0.0, 0.0), 0.0);
}

#[test]
fn clusters_of_indices_become_labels_and_faults_are_counted() {
    let clusters: Vec<Vec<usize>> = vec![vec![2, 0], vec![1, 0], vec![]];
    let a = assign(5, clusters.iter().map(Vec::as_slice)).unwrap();
    // 0 stays in cluster 0 (its first); 3 and 4 are in none: 3 and 4 after the 3 clusters.
    assert_eq!(a.labels, [0, 1, 0, 3, 4]);
    assert_eq!((a.unassigned, a.repeated), (2, 1));
    let bad: Vec<Vec<usize>> = vec![vec![0, 5]];
    let err = assign(5, bad.iter().map(Vec::as_slice)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cluster 0 names document 5, but there are only 5"
    );
}

#[test]
fn the_loader_reads_json_lines_and_names_a_bad_line() {
    let ok = "{\"id\": \"2\", \"story\": \"s1\", \"text\": \"A.\"}\n\n\
              {\"id\": \"9\", \"story\": \"s2\", \"text\": \"B\\nC\"}\n";
    let bodies = parse_bodies(ok, "mem").unwrap();
    assert_eq!(bodies.len(), 2);
    assert_eq!(
        (&*bodies[1].id, &*bodies[1].story, &*bodies[1].text),
        ("9", "s2", "B\nC")
    );

    let err = |text: &str| format!("{:#}", parse_bodies(text, "mem").unwrap_err());
    let bad = "{\"id\": \"2\", \"story\": \"s1\", \"text\": \"A.\"}\n{\"id\": \"3\", \"story\": ";
    assert!(
        err(bad).starts_with("mem line 2: not a {id, story, text} JSON object: "),
        "{}",
        err(bad)
    );
    let missing = "{\"id\": \"2\", \"text\": \"A.\"}";
    assert!(err(missing).starts_with("mem line 1: not a {id, story, text}"));
    let number = "{\"id\": 2, \"story\": \"s1\", \"text\": \"A.\"}";
    assert!(err(number).starts_with("mem line 1: not a {id, story, text}"));
    let twice = "{\"id\": \"2\", \"story\": \"s1\", \"text\": \"A.\"}\n\
                 {\"id\": \"2\", \"story\": \"s1\", \"text\": \"B.\"}";
    assert_eq!(err(twice), "mem line 2: id \"2\" seen before");
    let empty = "{\"id\": \"2\", \"story\": \"\", \"text\": \"A.\"}";
    assert_eq!(err(empty), "mem line 1: empty id or story");
    assert_eq!(err("\n\n"), "mem: no bodies");
}

fn entity(name: &str, kind: EntityKind) -> DocEntity {
    DocEntity {
        name: name.into(),
        kind,
        aliases: Vec::new(),
        roles: Vec::new(),
        gender: None,
        mentions: Vec::new(),
    }
}

#[test]
fn entity_names_keep_people_organisations_and_places_once() {
    let analysis = DocAnalysis {
        entities: vec![
            entity("Reza Gul", EntityKind::Person),
            entity("AK-47", EntityKind::Other),
            entity("Taliban", EntityKind::Organization),
            entity("Farah", EntityKind::Place),
            entity("Taliban", EntityKind::Organization),
        ],
        ..Default::default()
    };
    assert_eq!(entity_names(&analysis), ["Reza Gul", "Taliban", "Farah"]);
}

#[test]
fn the_grid_is_join_major_and_keeps_the_default_copy_threshold() {
    let g = grid();
    assert_eq!(g.len(), 16);
    assert_eq!((g[0].join, g[0].merge), (0.15, 0.20));
    assert_eq!((g[1].join, g[1].merge), (0.15, MERGE_GRID[1]));
    assert_eq!((g[15].join, g[15].merge), (0.30, 0.35));
    assert!(g.iter().all(|p| p.copy == Params::default().copy));
}

#[test]
fn the_report_puts_the_shipped_row_first_and_shows_failed_runs() {
    use super::report::{render, Input};
    use super::score::Assignment;
    use super::{baseline, Row, RowKind, Timing};

    let gold = ["a", "a", "b"];
    let shipped = Row {
        kind: RowKind::Shipped,
        params: Some(Params::default()),
        outcome: Ok((
            score(&gold, &[0, 0, 1]),
            Assignment {
                labels: vec![0, 0, 1],
                unassigned: 0,
                repeated: 0,
            },
        )),
    };
    let failed = Row {
        kind: RowKind::Grid,
        params: Some(grid()[0]),
        outcome: Err("panicked: boom".into()),
    };
    let rows = [
        shipped,
        failed,
        baseline(RowKind::Singletons, &gold, vec![0, 1, 2]),
    ];
    let timing = Timing {
        documents: 3,
        cpu_seconds: 0.5,
        passes: 1,
    };
    let report = render(&Input {
        bodies: &[],
        docs: &[],
        rows: &rows,
        shipped_clustering: None,
        analysis: timing,
        clustering: Some(timing),
    });
    let lines: Vec<&str> = report.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("| **shipped**"))
        .unwrap();
    assert!(lines[first].contains("| 2 / 2 | 1.000 | 1.000 | 1.000 |"));
    assert!(lines[first + 1].starts_with("| grid | 0.15 | 0.20 |"));
    assert!(lines[first + 1].contains("not scored: panicked: boom"));
    assert!(lines[first + 2].starts_with("| baseline: every document alone |"));
    assert!(report.contains("| BCubed F1 ≥ 0.90 | 1.000 | **met** |"));
    assert!(report.contains("| analysis + clustering | 3 | 1.000 | 3 |"));
}
