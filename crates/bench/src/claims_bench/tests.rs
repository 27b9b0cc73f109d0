use super::data::{cv_fold, is_held_out, parse_csv, split, Sentence};
use super::train::sha256_hex;
use crosscheck_claims::checkworthy::train::Confusion;

fn s(id: u64, label: u8) -> Sentence {
    Sentence {
        sentence_id: id,
        label,
        text: format!("sentence {id}"),
    }
}

#[test]
fn the_held_out_part_is_every_id_three_mod_five() {
    let all: Vec<Sentence> = (0..20).map(|i| s(i, (i % 2) as u8)).collect();
    let (tuning, held) = split(all);
    let ids: Vec<u64> = held.iter().map(|s| s.sentence_id).collect();
    assert_eq!(ids, [3, 8, 13, 18]);
    assert_eq!(tuning.len(), 16);
    assert!(tuning.iter().all(|s| !is_held_out(s.sentence_id)));
    assert!(is_held_out(23_783) && !is_held_out(23_782));
}

#[test]
fn folds_cover_the_tuning_part_evenly() {
    let mut counts = [0usize; 5];
    for id in (0..1000u64).filter(|&i| !is_held_out(i)) {
        counts[cv_fold(id)] += 1;
    }
    assert_eq!(counts, [160; 5]);
    assert_eq!(
        (cv_fold(0), cv_fold(5), cv_fold(24), cv_fold(25)),
        (0, 1, 4, 0)
    );
}

#[test]
fn precision_recall_and_f1_of_the_positive_class() {
    let mut c = Confusion::default();
    // 3 true positives, 1 false positive, 2 false negatives, 4 true negatives.
    for (p, g) in [
        (true, true),
        (true, true),
        (true, true),
        (true, false),
        (false, true),
        (false, true),
    ]
    .into_iter()
    .chain([(false, false); 4])
    {
        c.add(p, g);
    }
    assert_eq!((c.tp, c.fp, c.fn_, c.tn), (3, 1, 2, 4));
    assert!((c.precision() - 0.75).abs() < 1e-12);
    assert!((c.recall() - 0.6).abs() < 1e-12);
    // 2PR / (P + R) = 0.9 / 1.35
    assert!((c.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
    assert_eq!(Confusion::default().f1(), 0.0);
    assert_eq!(Confusion::default().precision(), 0.0);
}

#[test]
fn csv_fields_may_be_quoted_with_commas_quotes_and_line_breaks() {
    let text = "a,b,c\r\n1,\"x, \"\"y\"\"\",z\n2,\"two\nlines\",\n3,,last";
    let got = parse_csv(text);
    let want: Vec<Vec<&str>> = vec![
        vec!["a", "b", "c"],
        vec!["1", "x, \"y\"", "z"],
        vec!["2", "two\nlines", ""],
        vec!["3", "", "last"],
    ];
    assert_eq!(got, want);
}

#[test]
fn digests_are_hex_sha256() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
