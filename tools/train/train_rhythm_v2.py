#!/usr/bin/python3
"""Trains the rhythm models on the 1,650 shared PhysioNet/CinC 2017 records (single-lead AliveCor ECGs):

  --task cinc2017  `rhythm-cinc2017` 1.0: normal (N), AF (A), other rhythm (O), noisy (~); 30-s windows.
  --task af        `rhythm-af` 2.0: AF vs other rhythm; 10-s windows every 5 s, so long records and Holters
                   get an AF course (as 1.0 did). CPSC 2021 subjects 8 and 21 add long-record windows to
                   training; subject 92 (paroxysmal AF) stays held out.

A record's decision is the mean of its windows' probabilities (what the app does). Validation: 5-fold
cross-validation over records, stratified by class (CinC 2017 has one record per recording in the shared
part; the challenge gave no patient IDs), then a final model on every record.
Model: residual 1D CNN with baseline removal and standardisation inside, global mean+max pooling, dropout.

Run (train):   /usr/bin/python3 tools/train/train_rhythm_v2.py --task cinc2017 [--cache DIR] [--device cuda]
Run (export):  /usr/bin/python3 tools/train/train_rhythm_v2.py --task cinc2017 --export
"""
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import datasets, runs
from common.export import REPO, export, seed_everything

FS = 100
TASKS = {
    "cinc2017": dict(name="rhythm-cinc2017", version="1.0.0", folder="rhythm-cinc2017", window=30 * FS, stride=10 * FS,
                     classes=["N", "A", "O", "~"], widths=[32, 48, 64, 96, 128], epochs=70,
                     names=["Normal sinus rhythm", "Atrial fibrillation", "Other rhythm", "Too noisy to classify"]),
    "af": dict(name="rhythm-af", version="2.0.0", folder="rhythm-af-2.0", window=10 * FS, stride=5 * FS, classes=["AF", "other"],
               widths=[24, 32, 48, 64, 64], epochs=50, names=["Atrial fibrillation", "Other rhythm"]),
}
CPSC_TRAIN = ["data_8_2", "data_8_3", "data_8_4", "data_21_7", "data_21_8", "data_21_9"]
CPSC_HELD_OUT = ["data_92_4", "data_92_12", "data_92_19"]
BATCH = 64
FOLDS = 5


class ResBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.c1 = nn.Conv1d(cin, cout, 7, stride=stride, padding=3, bias=False)
        self.b1 = nn.BatchNorm1d(cout)
        self.c2 = nn.Conv1d(cout, cout, 7, padding=3, bias=False)
        self.b2 = nn.BatchNorm1d(cout)
        self.skip = nn.Sequential(nn.Conv1d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm1d(cout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.relu(self.b1(self.c1(x)))
        return F.relu(self.b2(self.c2(h)) + self.skip(x))


class RhythmResNet(nn.Module):
    def __init__(self, classes: int, widths, p_drop: float = 0.3):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv1d(1, widths[0], 15, stride=2, padding=7, bias=False),
                                  nn.BatchNorm1d(widths[0]), nn.ReLU())
        blocks = []
        for cin, cout in zip([widths[0]] + list(widths[:-1]), widths):
            blocks.append(ResBlock(cin, cout, 2))
        self.blocks = nn.Sequential(*blocks)
        self.drop = nn.Dropout(p_drop)
        self.fc = nn.Linear(2 * widths[-1], classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Baseline removal (0.61-s moving average) and per-window standardisation inside the model.
        x = x - F.avg_pool1d(x, 61, stride=1, padding=30, count_include_pad=False)
        x = (x - x.mean(2, keepdim=True)) / (x.std(2, keepdim=True) + 1e-6)
        h = self.blocks(self.stem(x))
        return self.fc(self.drop(torch.cat([h.mean(2), h.amax(2)], 1)))


def fill(lead, window):
    """Records shorter than a window are repeated to fill it (the app's policy)."""
    return np.resize(lead, window) if len(lead) < window else lead


def eval_windows(lead, window, stride):
    lead = fill(lead, window)
    starts = range(0, len(lead) - window + 1, stride)
    w = np.stack([lead[s : s + window] for s in starts])
    m, s = w.mean(1, keepdims=True), w.std(1, keepdims=True)
    return ((w - m) / (s + 1e-6)).astype(np.float32)


class Sampler:
    """Random training crops: one per record per epoch, plus (task af) CPSC windows."""

    def __init__(self, leads, labels, window, extra=None, seed=0):
        self.window = window
        self.leads = [fill(x, window) for x in leads]
        self.labels = np.asarray(labels)
        self.extra = extra or []  # (lead, per-sample AF mask)
        self.rng = np.random.default_rng(seed)

    def crop(self, lead):
        s = int(self.rng.integers(0, len(lead) - self.window + 1))
        return lead[s : s + self.window]

    def extra_windows(self, n):
        xs, ys = [], []
        while len(xs) < n and self.extra:
            lead, af = self.extra[int(self.rng.integers(len(self.extra)))]
            s = int(self.rng.integers(0, len(lead) - self.window + 1))
            frac = af[s : s + self.window].mean()
            if 0.1 < frac < 0.9:
                continue  # mixed windows teach nothing clear
            xs.append(lead[s : s + self.window])
            ys.append(0 if frac >= 0.5 else 1)
        return xs, ys

    def epoch(self):
        order = self.rng.permutation(len(self.leads))
        xs = [self.crop(self.leads[i]) for i in order]
        ys = list(self.labels[order])
        ex, ey = self.extra_windows(len(order) // 4)
        xs, ys = np.stack(xs + ex).astype(np.float32), np.array(ys + ey)
        perm = self.rng.permutation(len(ys))
        return xs[perm], ys[perm]


def augment(x, g):
    b, dev = x.shape[0], x.device
    x = (x - x.mean(2, keepdim=True)) / (x.std(2, keepdim=True) + 1e-6)
    x = x * (0.7 + 0.6 * torch.rand(b, 1, 1, generator=g, device=dev))
    # AliveCor recordings are often inverted (the patient holds the device either way round).
    flip = (torch.rand(b, 1, 1, generator=g, device=dev) < 0.5).float() * 2 - 1
    x = x * flip
    x = x + 0.05 * torch.randn(x.shape, generator=g, device=dev)
    ramp = torch.linspace(-1, 1, x.shape[2], device=dev)[None, None]
    return x + 0.3 * torch.randn(b, 1, 1, generator=g, device=dev) * ramp


def train(cfg, leads, labels, extra, seed, device, epochs):
    torch.manual_seed(seed)
    g = torch.Generator(device=device).manual_seed(seed)
    nc = len(cfg["classes"])
    model = RhythmResNet(nc, cfg["widths"]).to(device)
    counts = np.bincount(labels, minlength=nc).astype(np.float64)
    cw = torch.tensor(1.0 / np.sqrt(np.maximum(counts, 1)), dtype=torch.float32, device=device)
    cw = cw / cw.mean()
    sampler = Sampler(leads, labels, cfg["window"], extra, seed)
    steps_per_epoch = (len(leads) + len(leads) // 4 * bool(extra)) // BATCH
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=epochs * steps_per_epoch)
    model.train()
    for _ in range(epochs):
        xs, ys = sampler.epoch()
        for k in range(steps_per_epoch):
            x = torch.from_numpy(xs[k * BATCH : (k + 1) * BATCH, None]).to(device)
            y = torch.from_numpy(ys[k * BATCH : (k + 1) * BATCH]).to(device)
            loss = F.cross_entropy(model(augment(x, g)), y, weight=cw, label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return model.eval()


def record_probabilities(model, leads, cfg, device):
    out = []
    with torch.no_grad():
        for lead in leads:
            w = torch.from_numpy(eval_windows(lead, cfg["window"], cfg["stride"])[:, None]).to(device)
            out.append(torch.softmax(model(w), 1).mean(0).cpu().numpy())
    return np.stack(out)


def window_metrics(model, cpsc, cfg, device):
    """AF vs other per 10-s window on the held-out CPSC 2021 subject (windows of mixed rhythm skipped)."""
    tp = fp = fn = tn = 0
    with torch.no_grad():
        for lead, af in cpsc.values():
            w = eval_windows(lead, cfg["window"], cfg["stride"])
            starts = range(0, len(fill(lead, cfg["window"])) - cfg["window"] + 1, cfg["stride"])
            frac = np.array([af[s : s + cfg["window"]].mean() for s in starts])
            p = torch.softmax(model(torch.from_numpy(w[:, None]).to(device)), 1)[:, 0].cpu().numpy()
            keep = (frac <= 0.1) | (frac >= 0.9)
            ref, pred = frac[keep] >= 0.5, p[keep] >= 0.5
            tp += int((ref & pred).sum()); fp += int((~ref & pred).sum())
            fn += int((ref & ~pred).sum()); tn += int((~ref & ~pred).sum())
    return dict(windows=tp + fp + fn + tn, af=tp + fn, tp=tp, fp=fp, fn=fn, tn=tn,
                sensitivity=round(tp / (tp + fn), 4) if tp + fn else None,
                ppv=round(tp / (tp + fp), 4) if tp + fp else None,
                f1=round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None)


def load(task, cache):
    cinc = datasets.load_cinc2017(FS, cache)
    names = [n for n, _, _ in cinc]
    leads = [x for _, _, x in cinc]
    raw = [l for _, l, _ in cinc]
    if task == "af":
        labels = np.array([0 if l == "A" else 1 for l in raw])
        cpsc = datasets.load_cpsc2021(FS, CPSC_TRAIN + CPSC_HELD_OUT, cache)
        extra = [v for k, v in cpsc.items() if k in CPSC_TRAIN]
        held = {k: v for k, v in cpsc.items() if k in CPSC_HELD_OUT}
    else:
        labels = np.array([TASKS["cinc2017"]["classes"].index(l) for l in raw])
        extra, held = [], {}
    return names, leads, raw, labels, extra, held


def main():
    args = runs.parse_args(__doc__, None)
    task = args.task
    cfg = TASKS[task]
    args.out = args.out or os.path.join(REPO, "build", "train", cfg["folder"])
    weights = os.path.join(args.out, "weights.npz")
    metrics_path = os.path.join(args.out, "metrics.json")
    if args.export:
        return export_model(task, cfg, weights, metrics_path, args.cache)
    seed_everything(args.seed, threads=2)
    t0 = time.time()
    names, leads, raw, labels, extra, held = load(task, args.cache)
    nc = len(cfg["classes"])
    print(f"{len(leads)} records, per class", dict(zip(cfg["classes"], np.bincount(labels, minlength=nc).tolist())),
          flush=True)
    epochs = 2 if args.quick else cfg["epochs"]
    fold = runs.stratified_folds(raw, FOLDS, args.seed)
    probs = np.zeros((len(leads), nc), dtype=np.float32)
    folds = range(1 if args.quick else FOLDS)
    for k in folds:
        t1 = time.time()
        test = fold == k
        tr = np.flatnonzero(~test)
        model = train(cfg, [leads[i] for i in tr], labels[tr], extra, args.seed + k, args.device, epochs)
        probs[test] = record_probabilities(model, [leads[i] for i in np.flatnonzero(test)], cfg, args.device)
        acc = float((probs[test].argmax(1) == labels[test]).mean())
        print(f"fold {k + 1}/{FOLDS}: {test.sum()} records, accuracy {acc:.4f} ({time.time() - t1:.0f} s)", flush=True)
    done = np.isin(fold, list(folds))
    pred = probs.argmax(1)
    cm = np.zeros((nc, nc), dtype=np.int64)
    for t, p in zip(labels[done], pred[done]):
        cm[t, p] += 1
    stats = runs.f1_per_class(cm, cfg["classes"])
    metrics = {
        "validation": f"{FOLDS}-fold cross-validation over the {len(leads)} shared CinC 2017 records, stratified by "
                      "class; each record's decision is the mean of its window probabilities, as in the app",
        "records": int(done.sum()),
        "per_class": stats,
        "confusion_matrix_rows_reference_cols_predicted": cm.tolist(),
        "classes": cfg["classes"],
    }
    if task == "cinc2017":
        f1s = [stats[c]["f1"] or 0.0 for c in ("N", "A", "O")]
        metrics["challenge_score_mean_f1_N_A_O"] = round(float(np.mean(f1s)), 4)
    else:
        # The 4-class reference kept for the AF row: what an AF call means per CinC class.
        metrics["af_called_by_cinc_class"] = {c: int(((pred == 0) & done & (np.array(raw) == c)).sum())
                                              for c in ("N", "A", "O", "~")}
    print(json.dumps(metrics, indent=1), flush=True)
    metrics["cross_validation_seconds"] = round(time.time() - t0)
    t1 = time.time()
    model = train(cfg, leads, labels, extra, args.seed, args.device, epochs)
    metrics["final_training_seconds"] = round(time.time() - t1)
    if task == "af":
        metrics["windows_cpsc2021_subject92_held_out"] = window_metrics(model, held, cfg, args.device)
        print("CPSC 2021 subject 92 windows:", metrics["windows_cpsc2021_subject92_held_out"])
    metrics["device"] = args.device
    metrics["epochs"] = epochs
    metrics["cv_record_probabilities"] = {n: [round(float(v), 4) for v in p] for n, p, d in zip(names, probs, done) if d}
    os.makedirs(args.out, exist_ok=True)
    runs.save_weights(model, weights)
    runs.write_json(metrics, metrics_path)
    print(f"wrote {weights} and {metrics_path}")


def export_model(task, cfg, weights, metrics_path, cache=None):
    seed_everything(0, threads=1)
    nc = len(cfg["classes"])
    model = runs.load_weights(RhythmResNet(nc, cfg["widths"]), weights).eval()
    with open(metrics_path) as f:
        metrics = json.load(f)
    metrics.pop("cv_record_probabilities", None)
    cinc = datasets.load_cinc2017(FS, cache)
    example = torch.from_numpy(eval_windows(cinc[0][2], cfg["window"], cfg["stride"])[:2, None])
    if task == "cinc2017":
        description = ("Residual 1D CNN (baseline removal inside, 5 residual stages, mean+max pooling, dropout 0.3) "
                       "that labels a single-lead ECG as normal rhythm, AF, other rhythm or too noisy, from 30-s "
                       "windows every 10 s (the record's decision is the mean of its windows). Trained on the "
                       "1,650 shared CinC 2017 records. Research use, not a clinical tool.")
        training = ("PhysioNet/CinC Challenge 2017: the 1,650 records in shared/data (N 865, O 432, A 325, ~ 28), "
                    "labels from REFERENCE.csv; first (only) lead. Cross-validation folds stratified by class.")
        limits = ("Only 28 noisy (~) records: that class is weak. 'Other rhythm' is a broad class (ectopy, blocks, "
                  "tachycardias) and the hardest. Trained on handheld single-lead AliveCor ECGs at 300 Hz; other "
                  "leads and devices differ.")
        licence = "GPL-3.0-or-later (weights trained on PhysioNet/CinC Challenge 2017 data under ODC-By 1.0)"
    else:
        description = ("Residual 1D CNN (baseline removal inside, 5 residual stages, mean+max pooling, dropout 0.3) "
                       "that labels a 10-s single-lead ECG window as AF or other rhythm; records are scored by "
                       "windows every 5 s (AF course on Holters). Trained on 1,650 CinC 2017 records and CPSC "
                       "2021 subjects 8 and 21. Research use, not a clinical tool.")
        training = ("PhysioNet/CinC Challenge 2017: the 1,650 shared records (A = AF; N, O, ~ = other). CPSC 2021: "
                    "subjects 8 (persistent AF) and 21 (non-AF), windows labelled from the '(AFIB' rhythm "
                    "annotations (windows with 10-90 % AF skipped); subject 92 (paroxysmal AF) held out.")
        limits = ("Windows of 10 s: short AF runs (< 5 s) are missed. Atrial flutter with regular conduction is "
                  "not AF to this model. Trained on single-lead ECGs (AliveCor lead, CPSC lead I).")
        licence = ("GPL-3.0-or-later (weights trained on PhysioNet/CinC Challenge 2017 data under ODC-By 1.0 and "
                   "CPSC 2021 data under CC BY 4.0)")
    manifest = {
        "name": cfg["name"],
        "version": cfg["version"],
        "task": "ecg-record-classification",
        "file": "model.pt",
        "description": description,
        "licence": licence,
        "training_data": training,
        "limits": limits,
        "metrics": metrics,
        "input": {
            "dtype": "float32",
            "shape": [-1, 1, cfg["window"]],
            "leads": ["any"],
            "lead_policy": "first lead of the record (the AliveCor lead on CinC 2017)",
            "sampling_rate_hz": FS,
            "window_samples": cfg["window"],
            "stride_samples": cfg["stride"],
            "beat_centred": False,
            "short_record_policy": "records shorter than one window are repeated to fill it",
            "resample": "linear interpolation to 100 Hz",
            "normalisation": {"method": "zscore", "scope": "per window"},
        },
        "output": {
            "activation": "softmax",
            "labels": [{"index": i, "name": cfg["names"][i], "code": c} for i, c in enumerate(cfg["classes"])],
            "record_aggregation": "mean of window probabilities",
        },
        "uncertainty": {"method": "mc-dropout", "passes": 10},
    }
    if task == "af":
        manifest["thresholds"] = {"AF": 0.5}
    export(model, example, cfg["folder"], manifest)


if __name__ == "__main__":
    main()
