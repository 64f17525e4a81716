#!/usr/bin/python3
"""Trains `beat-aami` 2.0: beat morphology plus RR intervals -> AAMI classes N/S/V/F/Q, on MIT-BIH DS1 only.

Why RR: an S beat usually looks like an N beat; what gives it away is that it comes early. The literature
(de Chazal 2004 and after) found the RR intervals decisive, so the model gets the previous, next, local
(mean of the last 10) and record (median) RR beside a 1.5-s window of the first lead, and uses them as
ratios, which hold across heart rates and patients.

Data: the 22 DS1 records (de Chazal's inter-patient training split); DS2 is kept elsewhere.
Validation: leave-records-out cross-validation on DS1 (--folds groups of whole records, 22 = one record each;
predictions pooled), then a final model on all of DS1.
Input [B, 1, 196]: 192 samples (1.0 s before to 0.5 s after the beat at 128 Hz, z-scored per window)
followed by the four RR intervals in seconds (input.rr_features in the manifest).

Run (train):   /usr/bin/python3 tools/train/train_beat_aami_v2.py [--cache DIR] [--device cuda]
Run (export):  /usr/bin/python3 tools/train/train_beat_aami_v2.py --export
"""
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import datasets, ecg, runs, wfdb
from common.export import REPO, export, seed_everything

FS = 128
BEFORE_S, AFTER_S = 1.0, 0.5
BEFORE, AFTER = int(round(BEFORE_S * FS)), int(round(AFTER_S * FS))
WINDOW = BEFORE + AFTER
N_RR = len(datasets.RR_FEATURES)
CLASSES = wfdb.AAMI_CLASSES
NAMES = ["Normal / bundle branch block", "Supraventricular ectopic", "Ventricular ectopic", "Fusion",
         "Unknown / paced"]
BATCH = 256
EPOCHS = 12


class BeatRRNet(nn.Module):
    def __init__(self, classes: int = 5, p_drop: float = 0.3):
        super().__init__()
        layers = []
        chans = [1, 32, 48, 64, 64]
        for cin, cout, k in zip(chans[:-1], chans[1:], [7, 5, 5, 3]):
            layers += [nn.Conv1d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm1d(cout), nn.ReLU(),
                       nn.MaxPool1d(2)]
        self.features = nn.Sequential(*layers)
        self.morph = nn.Linear(64 * (WINDOW // 16), 64)
        self.rr = nn.Linear(8, 32)
        self.drop = nn.Dropout(p_drop)
        self.fc1 = nn.Linear(96, 64)
        self.fc2 = nn.Linear(64, classes)
        self.window = WINDOW

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        w = x[:, :, : self.window]
        rr = x[:, 0, self.window : self.window + 4].clamp(0.15, 3.0)
        # Baseline removal (~0.5-s moving average) and re-standardisation inside the model.
        w = w - F.avg_pool1d(w, 63, stride=1, padding=31, count_include_pad=False)
        w = (w - w.mean(2, keepdim=True)) / (w.std(2, keepdim=True) + 1e-6)
        m = F.relu(self.morph(self.drop(self.features(w).flatten(1))))
        pre, post, local, record = rr[:, 0], rr[:, 1], rr[:, 2], rr[:, 3]
        r = torch.stack([pre.log(), post.log(), local.log(), record.log(), (pre / local).log(),
                         (post / local).log(), (pre / record).log(), (post / pre).log()], 1)
        h = torch.cat([m, F.relu(self.rr(r))], 1)
        return self.fc2(self.drop(F.relu(self.fc1(self.drop(h)))))


def build_inputs(data):
    xs, ys, recs = [], [], []
    for r, d in data.items():
        lead, beat = d["lead"], d["beat"]
        ok = (beat - BEFORE >= 0) & (beat + AFTER <= len(lead))
        idx = beat[ok][:, None] + np.arange(-BEFORE, AFTER)[None]
        w = ecg.zscore(lead[idx])
        xs.append(np.concatenate([w, d["rr"][ok]], 1)[:, None])
        ys.append(d["label"][ok])
        recs += [r] * int(ok.sum())
    return np.concatenate(xs).astype(np.float32), np.concatenate(ys), np.array(recs)


def time_scale(w, factor):
    pos = (torch.arange(WINDOW, dtype=torch.float32, device=w.device) - BEFORE) / factor + BEFORE
    pos = pos.clamp(0, WINDOW - 1)
    lo = pos.floor().long()
    hi = (lo + 1).clamp(max=WINDOW - 1)
    frac = pos - lo.float()
    return w[:, :, lo] * (1 - frac) + w[:, :, hi] * frac


def augment(x, g):
    b, dev = x.shape[0], x.device
    w, rr = x[:, :, :WINDOW], x[:, :, WINDOW:]
    w = w * (0.8 + 0.4 * torch.rand(b, 1, 1, generator=g, device=dev))
    w = torch.roll(w, int(torch.randint(-3, 4, (1,), generator=g, device=dev)), dims=2)
    w = w + 0.05 * torch.randn(w.shape, generator=g, device=dev)
    ramp = torch.linspace(-1, 1, WINDOW, device=dev)[None, None]
    w = w + 0.3 * torch.randn(b, 1, 1, generator=g, device=dev) * ramp
    w = time_scale(w, 0.9 + 0.2 * float(torch.rand(1, generator=g, device=dev)))
    w = (w - w.mean(2, keepdim=True)) / (w.std(2, keepdim=True) + 1e-6)
    # A heart-rate change scales every interval alike; small independent jitter on each.
    rate = torch.exp(0.3 * (2 * torch.rand(b, 1, 1, generator=g, device=dev) - 1))
    rr = rr * rate * torch.exp(0.04 * torch.randn(rr.shape, generator=g, device=dev))
    return torch.cat([w, rr], 2)


def train(x, y, seed, device, steps):
    torch.manual_seed(seed)
    g = torch.Generator(device=device).manual_seed(seed)
    model = BeatRRNet().to(device)
    counts = np.bincount(y, minlength=5).astype(np.float64)
    w = np.where(counts > 0, 1.0 / np.sqrt(np.maximum(counts, 1)), 0.0)
    sample_w = torch.from_numpy(w[y]).to(device)
    xt, yt = torch.from_numpy(x).to(device), torch.from_numpy(y).to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    model.train()
    for _ in range(steps):
        idx = torch.multinomial(sample_w, BATCH, replacement=True, generator=g)
        loss = F.cross_entropy(model(augment(xt[idx], g)), yt[idx], label_smoothing=0.05)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    return model.eval()


def predict(model, x, device):
    with torch.no_grad():
        return torch.cat([model(torch.from_numpy(x[i : i + 4096]).to(device)).argmax(1).cpu()
                          for i in range(0, len(x), 4096)]).numpy()


def cross_validate(x, y, rec, args, steps):
    """Leave-records-out: records dealt round robin into args.folds groups (22 = one record per fold)."""
    records = sorted(set(rec))
    groups = [records[k :: args.folds] for k in range(min(args.folds, len(records)))]
    if args.quick:
        groups = groups[:2]
    pred = np.full(len(y), -1)
    for k, group in enumerate(groups):
        t0 = time.time()
        test = np.isin(rec, group)
        model = train(x[~test], y[~test], args.seed + k, args.device, steps)
        pred[test] = predict(model, x[test], args.device)
        acc = float((pred[test] == y[test]).mean())
        print(f"fold {k + 1}/{len(groups)} held out {', '.join(group)}: {test.sum()} beats, accuracy {acc:.4f} "
              f"({time.time() - t0:.0f} s)", flush=True)
    done = pred >= 0
    cm = ecg.confusion(y[done], pred[done], 5)
    per_record = {r: round(float((pred[rec == r] == y[rec == r]).mean()), 4) for g in groups for r in g}
    return cm, per_record


def main():
    args = runs.parse_args(__doc__, os.path.join(REPO, "build", "train", "beat-aami-2.0"),
                           extra=[("--folds", dict(type=int, default=22)),
                                  ("--epochs", dict(type=int, default=EPOCHS))])
    weights = os.path.join(args.out, "weights.npz")
    metrics_path = os.path.join(args.out, "metrics.json")
    if args.export:
        return export_model(weights, metrics_path, args.cache)
    seed_everything(args.seed, threads=2)
    t0 = time.time()
    x, y, rec = build_inputs(datasets.load_ds1(FS, args.cache))
    print("DS1 beats per class", dict(zip(CLASSES, np.bincount(y, minlength=5).tolist())), flush=True)
    steps = 60 if args.quick else args.epochs * len(y) // BATCH
    cm, per_record = cross_validate(x, y, rec, args, steps)
    cv_seconds = time.time() - t0
    print("leave-one-record-out confusion (rows reference N,S,V,F,Q; columns predicted):")
    print(cm)
    stats = runs.f1_per_class(cm, CLASSES)
    print(json.dumps(stats, indent=1))
    t1 = time.time()
    model = train(x, y, args.seed, args.device, steps)
    os.makedirs(args.out, exist_ok=True)
    runs.save_weights(model, weights)
    metrics = {
        "validation": f"leave-records-out cross-validation on MIT-BIH DS1 ({args.folds} folds of whole records; each "
                      "record predicted by a model that never saw that patient; predictions pooled); reference beat "
                      "annotations (.atr)",
        "beats": int(cm.sum()),
        "accuracy": round(float(np.trace(cm) / cm.sum()), 4),
        "per_class": stats,
        "confusion_matrix_rows_reference_cols_predicted": cm.tolist(),
        "accuracy_per_record": per_record,
        "training_steps": steps,
        "cross_validation_seconds": round(cv_seconds),
        "final_training_seconds": round(time.time() - t1),
        "device": args.device,
    }
    runs.write_json(metrics, metrics_path)
    print(f"wrote {weights} and {metrics_path}")


def export_model(weights, metrics_path, cache=None):
    seed_everything(0, threads=1)
    model = runs.load_weights(BeatRRNet(), weights).eval()
    with open(metrics_path) as f:
        metrics = json.load(f)
    data = datasets.load_ds1(FS, cache)
    x, _, _ = build_inputs({"101": data["101"]})
    manifest = {
        "name": "beat-aami",
        "version": "2.0.0",
        "task": "ecg-beat-classification",
        "file": "model.pt",
        "description": "1D CNN over a 1.5-s beat window plus the beat's RR intervals (previous, next, local mean, "
                       "record median; used as ratios) -> AAMI classes N/S/V/F/Q from a single lead. Trained on the "
                       "22 MIT-BIH DS1 records (51,000 beats of 22 patients). Research use, not a clinical tool.",
        "licence": "GPL-3.0-or-later (weights trained on MIT-BIH Arrhythmia DB data under ODC-By 1.0)",
        "training_data": "MIT-BIH Arrhythmia DB inter-patient training split DS1 (de Chazal et al. 2004): 101, 106, 108, "
                         "109, 112, 114, 115, 116, 118, 119, 122, 124, 201, 203, 205, 207, 208, 209, 215, 220, 223, 230; "
                         "MLII lead; reference beat annotations (.atr). DS2 (incl. record 100) was never used. AAMI "
                         "mapping: N={N,L,R,e,j}, S={A,a,J,S}, V={V,E}, F={F}, Q={/,f,Q}.",
        "limits": "Q (paced/unclassifiable) has 8 DS1 beats: the model cannot learn it. F is a small class (415 beats, "
                  "most from record 208). Cross-validated on DS1 patients; DS2 figures are measured elsewhere. RR "
                  "features come from the beats given to the model: missed or extra detector beats distort them.",
        "metrics": metrics,
        "input": {
            "dtype": "float32",
            "shape": [-1, 1, WINDOW + N_RR],
            "leads": ["any"],
            "lead_policy": "first lead of the record (trained on MLII)",
            "sampling_rate_hz": FS,
            "window_samples": WINDOW,
            "stride_samples": 0,
            "beat_centred": True,
            "beat_window_before_s": BEFORE_S,
            "beat_window_after_s": AFTER_S,
            "beat_window_before_samples": BEFORE,
            "rr_features": datasets.RR_FEATURES,
            "rr_local_beats": datasets.LOCAL_BEATS,
            "resample": "linear interpolation to 128 Hz; beat sample index = round(t_beat * 128)",
            "normalisation": {"method": "zscore", "scope": "per window"},
        },
        "output": {
            "activation": "softmax",
            "labels": [{"index": i, "name": NAMES[i], "code": c} for i, c in enumerate(CLASSES)],
        },
        "uncertainty": {"method": "mc-dropout", "passes": 10},
    }
    export(model, torch.from_numpy(x[:4]), "beat-aami-2.0", manifest)


if __name__ == "__main__":
    main()
