use proptest::prelude::*;

use super::features::{
    featurize, hash_feature, shape_of, tokenize, vectorize, Feature, Namespace, Shape, BUCKETS,
    FEATURE_VERSION, MAX_BYTES,
};
use super::model::{sigmoid, Model, Packed, FORMAT_VERSION, MAGIC};
use super::train::{cross_validate, fit, idf, Example, FitOptions, Rows};
use super::{score, shipped_model, WEIGHTS};

fn of(ns: Namespace, features: &[Feature]) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = features
        .iter()
        .filter(|f| f.ns == ns)
        .map(|f| (f.bucket, f.count))
        .collect();
    v.sort_by_key(|p| p.0);
    v
}

fn counted(ns: Namespace, grams: &[&[&str]]) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = Vec::new();
    for g in grams {
        let b = hash_feature(ns, g);
        match v.iter_mut().find(|p| p.0 == b) {
            Some(p) => p.1 += 1.0,
            None => v.push((b, 1.0)),
        }
    }
    v.sort_by_key(|p| p.0);
    v
}

#[test]
fn the_hash_is_fixed_fnv1a() {
    // FNV-1a 64 of the bytes [1, b't', b'h', b'e'] is 0x2b77_2378_2076_71bf;
    // folded, 0x52c7. Pinned so that a change of the hash (which would
    // silently break the shipped weights) is seen.
    let h = hash_feature(Namespace::Word, &["the"]);
    assert_eq!(h, hash_feature(Namespace::Word, &["the"]));
    assert_eq!(h, 0x52c7);
    assert!((h as usize) < BUCKETS);
}

#[test]
fn featurizing_is_deterministic() {
    let s = "The ministry said unemployment rose to 7.2 percent in March.";
    let a = featurize(s);
    assert_eq!(a, featurize(s));
    assert!(!a.is_empty());
}

#[test]
fn namespaces_hash_apart() {
    for s in ["a", "ab", "the", "NUM", "percent", " ab "] {
        let buckets: Vec<u32> = Namespace::ALL
            .iter()
            .map(|&ns| hash_feature(ns, &[s]))
            .collect();
        assert_ne!(buckets[0], buckets[1], "{s}");
        assert_ne!(buckets[1], buckets[2], "{s}");
        assert_ne!(buckets[0], buckets[2], "{s}");
    }
    // Bigram parts are separated: "ab" + "c" is not "a" + "bc".
    assert_ne!(
        hash_feature(Namespace::Word, &["ab", "c"]),
        hash_feature(Namespace::Word, &["a", "bc"])
    );
}

#[test]
fn each_namespace_holds_its_own_features() {
    let f = featurize("We won 12 races.");
    assert_eq!(
        of(Namespace::Word, &f),
        counted(
            Namespace::Word,
            &[
                &["we"],
                &["won"],
                &["00"],
                &["races"],
                &["."],
                &["we", "won"],
                &["won", "00"],
                &["00", "races"],
                &["races", "."],
            ]
        )
    );
    assert_eq!(
        of(Namespace::Shape, &f),
        counted(
            Namespace::Shape,
            &[
                &["we"],
                &["won"],
                &["NUM"],
                &["W"],
                &["."],
                &["we", "won"],
                &["won", "NUM"],
                &["NUM", "W"],
                &["W", "."],
                &["we", "won", "NUM"],
                &["won", "NUM", "W"],
                &["NUM", "W", "."],
            ]
        )
    );
    // char_wb: "ab" padded to " ab " gives " a", "ab", "b ", " ab", "ab ", " ab ".
    let f = featurize("ab");
    assert_eq!(
        of(Namespace::Char, &f),
        counted(
            Namespace::Char,
            &[&[" a"], &["ab"], &["b "], &[" ab"], &["ab "], &[" ab "]]
        )
    );
    // Repeats are counted, also beyond ASCII.
    let f = featurize("é é");
    assert_eq!(
        of(Namespace::Char, &f),
        counted(
            Namespace::Char,
            &[&[" é"], &["é "], &[" é "], &[" é"], &["é "], &[" é "]]
        )
    );
}

#[test]
fn tokens_and_shapes() {
    let t = tokenize("I don’t pay $1,200.50 for U.S. bonds, Walking quickly?");
    let words: Vec<&str> = (0..t.len()).map(|i| t.word(i)).collect();
    assert_eq!(
        words,
        [
            "i", "don't", "pay", "$", "0,000.00", "for", "u.s", ".", "bonds", ",", "walking",
            "quickly", "?"
        ]
    );
    let shapes: Vec<&str> = (0..t.len()).map(|i| t.shape(i)).collect();
    assert_eq!(
        shapes,
        ["i", "W", "pay", "$", "NUM", "for", "CAP", ".", "W", ",", "CAP", "LY", "?"]
    );
    let chars = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!(shape_of(&chars("rose"), "rose"), Shape::Literal);
    assert_eq!(shape_of(&chars("raised"), "raised"), Shape::Ed);
    assert_eq!(shape_of(&chars("running"), "running"), Shape::Ing);
    assert_eq!(shape_of(&chars("We"), "we"), Shape::Literal);
    assert_eq!(shape_of(&chars("percent"), "percent"), Shape::W);
}

#[test]
fn each_namespace_is_l2_normalised() {
    let f = featurize("Taxes rose by 3 percent, taxes rose again, and again!");
    let idf: Vec<f32> = (0..BUCKETS).map(|b| 1.0 + (b % 7) as f32).collect();
    for ns in Namespace::ALL {
        let part: Vec<Feature> = f.iter().copied().filter(|x| x.ns == ns).collect();
        let norm: f32 = vectorize(&part, &idf).iter().map(|p| p.1 * p.1).sum();
        assert!((norm - 1.0).abs() < 1e-5, "{ns:?}: {norm}");
    }
    assert!(vectorize(&[], &idf).is_empty());
}

/// Positives have bucket 10 and negatives bucket 20, with shared noise.
fn synthetic(n: usize) -> Vec<Example> {
    (0..n)
        .map(|i| {
            let label = i % 3 == 0;
            let mut features = vec![Feature {
                ns: Namespace::Word,
                bucket: if label { 10 } else { 20 },
                count: 1.0,
            }];
            for b in [100 + (i % 5) as u32, 200 + (i % 7) as u32] {
                features.push(Feature {
                    ns: Namespace::Char,
                    bucket: b,
                    count: 1.0 + (i % 2) as f32,
                });
            }
            Example {
                features,
                label,
                fold: i % 5,
            }
        })
        .collect()
}

#[test]
fn the_trainer_learns_a_separable_set_deterministically() {
    let examples = synthetic(60);
    let all: Vec<&Example> = examples.iter().collect();
    let idf = idf(&all);
    let rows = Rows::new(all.iter().map(|e| e.features.as_slice()), &idf);
    let y: Vec<bool> = all.iter().map(|e| e.label).collect();
    let m = fit(&rows, &y, 10.0, FitOptions::default());
    assert!(m.converged);
    for (i, &label) in y.iter().enumerate() {
        let p = m.probability(&rows, i);
        assert!(if label { p > 0.8 } else { p < 0.2 }, "row {i}: {p}");
    }
    let again = fit(&rows, &y, 10.0, FitOptions::default());
    assert_eq!(m.w, again.w);
    // A stronger penalty gives smaller weights.
    let weak = fit(&rows, &y, 0.01, FitOptions::default());
    assert!(weak.w[10].abs() < m.w[10].abs());

    let cv = cross_validate(&examples, &[0.1, 10.0], FitOptions::default());
    assert_eq!(cv.len(), 2);
    assert_eq!(cv[1].folds.len(), 5);
    assert_eq!(cv[1].mean_f1(), 1.0);
}

#[test]
fn smooth_idf_is_lower_for_common_buckets() {
    let examples = synthetic(30);
    let all: Vec<&Example> = examples.iter().collect();
    let idf = idf(&all);
    // Bucket 20 is in two thirds of the examples, 10 in one third, 999 in none.
    assert!(idf[20] < idf[10] && idf[10] < idf[999]);
    assert!((idf[999] - (31.0f64.ln() + 1.0) as f32).abs() < 1e-6);
}

#[test]
fn weights_files_round_trip_and_bad_ones_are_refused() {
    let model = Model {
        feature_version: FEATURE_VERSION,
        c: 2.0,
        cv_f1: 0.75,
        train_size: 10,
        idf: (0..BUCKETS).map(|b| 1.0 + b as f32 / 1000.0).collect(),
        weights: (0..BUCKETS).map(|b| (b % 13) as f32 - 6.0).collect(),
        bias: -0.5,
    };
    let bytes = model.to_bytes();
    assert_eq!(&bytes[..4], MAGIC);
    assert_eq!(Model::from_bytes(&bytes), Ok(model.clone()));
    assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    assert!(Model::from_bytes(b"").is_err());
    let mut bad = bytes.clone();
    bad[4] = 9;
    assert!(Model::from_bytes(&bad).is_err());
    let mut nan = bytes.clone();
    let at = bytes.len() - 4;
    nan[at..].copy_from_slice(&f32::NAN.to_le_bytes());
    assert!(Model::from_bytes(&nan).is_err());
    let old = Model {
        feature_version: FEATURE_VERSION + 1,
        ..model.clone()
    };
    assert!(!Model::from_bytes(&old.to_bytes())
        .unwrap()
        .matches_features());

    // The one-pass scorer agrees with the model.
    let packed = Packed::new(&model);
    for s in ["", "We won 12 races.", "Taxes rose by 3 percent!"] {
        let f = featurize(s);
        assert!((packed.probability(&f) - model.probability(&f)).abs() < 1e-5);
    }
}

#[test]
fn the_shipped_weights_load_and_match_the_featurizer() {
    assert!(WEIGHTS.len() <= 600 * 1024, "{} bytes", WEIGHTS.len());
    assert_eq!(u16::from_le_bytes([WEIGHTS[4], WEIGHTS[5]]), FORMAT_VERSION);
    assert_eq!(
        u16::from_le_bytes([WEIGHTS[6], WEIGHTS[7]]),
        FEATURE_VERSION,
        "weights.bin was trained for other features: run train-checkworthy"
    );
    let m = shipped_model().expect("shipped weights");
    assert!(m.matches_features());
    assert!(m.c > 0.0 && m.cv_f1 > 0.5 && m.cv_f1 < 1.0 && m.train_size > 1000);
    assert!(m.weights.iter().any(|&w| w != 0.0));
}

#[test]
fn scores_are_probabilities_on_odd_input() {
    let huge = "The deficit grew by 4 percent. ".repeat(40_000);
    let odd = [
        "",
        " ",
        "\0\u{1}\u{7f}",
        "?",
        "İstanbul ǅ ß ﬃ",
        "مرحبا بالعالم ١٢٣",
        "👨‍👩‍👧‍👦🇫🇷 e\u{301}\u{301}\u{301}",
        "\u{202e}reversed\u{200b}",
        &huge,
        "a’b‘c",
    ];
    for s in odd {
        let p = score(s);
        assert!((0.0..=1.0).contains(&p), "{p}");
    }
    assert!(huge.len() > MAX_BYTES);
    assert_eq!(sigmoid(f32::NAN), 0.0);
    assert_eq!(sigmoid(f32::INFINITY), 1.0);
    assert_eq!(sigmoid(f32::NEG_INFINITY), 0.0);
    assert_eq!(sigmoid(0.0), 0.5);
}

#[test]
fn factual_statements_outscore_pleasantries() {
    let pairs = [
        (
            "The ministry said unemployment rose to 7.2 percent in March.",
            "What a wonderful evening, thank you all.",
        ),
        (
            "Our state lost 40,000 manufacturing jobs over the last four years.",
            "I'm glad to be here tonight.",
        ),
        (
            "The deficit has doubled since 2008, to more than $1 trillion.",
            "Let me answer the question.",
        ),
        (
            "Crime in our cities has gone up 20 percent since he took office.",
            "Thank you very much.",
        ),
    ];
    for (claim, chat) in pairs {
        let (a, b) = (score(claim), score(chat));
        assert!(a > b, "{claim:?} {a} <= {chat:?} {b}");
        assert!(b < 0.5, "{chat:?} {b}");
    }
    assert!(score("The deficit has doubled since 2008, to more than $1 trillion.") >= 0.5);
}

proptest! {
    #[test]
    fn any_text_scores_in_the_unit_interval(s in any::<String>()) {
        let p = score(&s);
        prop_assert!((0.0..=1.0).contains(&p));
        prop_assert_eq!(featurize(&s), featurize(&s));
    }

    #[test]
    fn wordy_text_scores_in_the_unit_interval(s in "[a-zA-Z0-9 ,.%$’'?!-]{0,400}") {
        let p = score(&s);
        prop_assert!((0.0..=1.0).contains(&p));
    }
}
