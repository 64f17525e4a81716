#!/usr/bin/python3
"""Trains `rhythm-af`: a small 1D CNN (with dropout) that labels a 10-s single-lead ECG window AF or other.

Data: PhysioNet/CinC Challenge 2017 (150 records, REFERENCE.csv: A = AF; N, O and ~ = other) and CPSC 2021
subjects 8 (persistent AF), 21 (non-AF), 92 (paroxysmal AF; rhythm annotations '(AFIB' / '(N').
Split by record / subject: CinC 2017 records are split 80/20 stratified by class (one record per recording
user in that challenge's design); CPSC 2021 subjects 8 and 21 train, subject 92 is held out.
Input policy: first lead, resampled to 100 Hz (linear interpolation); 10-s windows (1000 samples) every 5 s;
records shorter than 10 s are padded by repeating them; per-window z-score (the model also removes
baseline itself). Output: logits [B, 2] (AF, other).
Run: /usr/bin/python3 tools/train/train_rhythm_af.py   (a few minutes on one CPU core)
"""
import csv
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import ecg, wfdb
from common.export import export, seed_everything

SEED = 2017
FS = 100
WINDOW = 10 * FS
STRIDE = 5 * FS
EPOCHS = 25
BATCH = 32
CPSC_TRAIN = ["data_8_2", "data_8_3", "data_8_4", "data_21_7", "data_21_8", "data_21_9"]
CPSC_VAL = ["data_92_4", "data_92_12", "data_92_19"]


class RhythmNet(nn.Module):
    def __init__(self, p_drop=0.3):
        super().__init__()
        layers = []
        chans = [1, 16, 24, 32, 48, 64]
        pools = [4, 2, 2, 2, 2]
        for cin, cout, k, p in zip(chans[:-1], chans[1:], [7, 5, 5, 5, 3], pools):
            layers += [nn.Conv1d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm1d(cout), nn.ReLU(inplace=True),
                       nn.MaxPool1d(p)]
        self.features = nn.Sequential(*layers)
        self.drop = nn.Dropout(p_drop)
        self.fc = nn.Linear(128, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Baseline removal (0.61-s moving average) and per-window standardisation inside the model.
        x = x - F.avg_pool1d(x, 61, stride=1, padding=30, count_include_pad=False)
        x = (x - x.mean(2, keepdim=True)) / (x.std(2, keepdim=True) + 1e-6)
        h = self.features(x)
        h = torch.cat([h.mean(2), h.amax(2)], 1)
        return self.fc(self.drop(h))


def windows(lead):
    if len(lead) < WINDOW:
        lead = np.resize(lead, WINDOW)
    starts = range(0, len(lead) - WINDOW + 1, STRIDE)
    return np.stack([lead[s : s + WINDOW] for s in starts]), list(starts)


def cinc_records():
    with open(f"{ecg.DATA}/cinc2017/REFERENCE.csv") as f:
        return [(row[0], row[1]) for row in csv.reader(f) if row]


def load_cinc(names_labels):
    xs, ys, recs = [], [], []
    for name, label in names_labels:
        hdr, sig = wfdb.read_record(f"{ecg.DATA}/cinc2017/{name}")
        w, _ = windows(ecg.resample(sig[0], hdr.fs, FS))
        xs.append(w)
        ys += [1 if label == "A" else 0] * len(w)
        recs += [name] * len(w)
    return xs, ys, recs


def load_cpsc(records, skip_ambiguous):
    xs, ys, recs = [], [], []
    for name in records:
        path = f"{ecg.DATA}/cpsc2021/{name}"
        hdr, sig = wfdb.read_record(path)
        af = np.zeros(sig.shape[1], dtype=bool)
        for s, e, aux in wfdb.rhythm_intervals(wfdb.read_annotations(path), sig.shape[1]):
            if aux.startswith("(AF"):
                af[s:e] = True  # unannotated stretches (before the first mark) count as not AF
        lead = ecg.resample(sig[0], hdr.fs, FS)
        af_rs = af[np.minimum((np.arange(len(lead)) * hdr.fs / FS).astype(int), len(af) - 1)]
        w, starts = windows(lead)
        frac = np.array([af_rs[s : s + WINDOW].mean() for s in starts])
        keep = ((frac <= 0.1) | (frac >= 0.9)) if skip_ambiguous else np.ones(len(frac), dtype=bool)
        xs.append(w[keep])
        ys += (frac[keep] >= 0.5).astype(int).tolist()
        recs += [name] * int(keep.sum())
    return xs, ys, recs


def stack(parts):
    xs, ys, recs = parts
    return ecg.zscore(np.concatenate(xs))[:, None], np.array(ys), np.array(recs)


def af_scores(model, x):
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(torch.from_numpy(x[i : i + 256])) for i in range(0, len(x), 256)])
    return torch.softmax(logits, 1)[:, 0].numpy()


def binary_metrics(y, p_af, threshold=0.5):
    pred = p_af >= threshold
    tp = int(((y == 1) & pred).sum()); fn = int(((y == 1) & ~pred).sum())
    tn = int(((y == 0) & ~pred).sum()); fp = int(((y == 0) & pred).sum())
    sens = tp / (tp + fn) if tp + fn else None
    spec = tn / (tn + fp) if tn + fp else None
    ppv = tp / (tp + fp) if tp + fp else None
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    r = lambda v: round(v, 4) if isinstance(v, float) else v
    return dict(n=int(len(y)), af=int((y == 1).sum()), tp=tp, fn=fn, tn=tn, fp=fp,
                sensitivity=r(sens), specificity=r(spec), ppv=r(ppv), f1=r(f1))


def main():
    seed_everything(SEED, threads=1)
    t0 = time.time()
    rng = np.random.default_rng(SEED)
    recs = cinc_records()
    val_cinc = set()
    for cls in "NOA~":
        names = sorted(n for n, l in recs if l == cls)
        rng.shuffle(names)
        val_cinc.update(names[: max(1, round(0.2 * len(names)))])
    cinc_train = [(n, l) for n, l in recs if n not in val_cinc]
    cinc_val = [(n, l) for n, l in recs if n in val_cinc]
    tx, ty, _ = stack(tuple(a + b for a, b in zip(load_cinc(cinc_train), load_cpsc(CPSC_TRAIN, True))))
    cvx, cvy, cvrec = stack(load_cinc(cinc_val))
    pvx, pvy, _ = stack(load_cpsc(CPSC_VAL, False))
    print(f"train windows {len(ty)} (AF {int(ty.sum())}); held-out CinC records {len(cinc_val)} "
          f"({len(cvy)} windows, AF {int(cvy.sum())}); held-out CPSC subject 92 windows {len(pvy)} (AF {int(pvy.sum())})")
    model = RhythmNet()
    print(f"parameters: {sum(p.numel() for p in model.parameters())}")
    class_w = torch.tensor([len(ty) / (2.0 * max(1, (ty == 1).sum())), len(ty) / (2.0 * max(1, (ty == 0).sum()))],
                           dtype=torch.float32)  # index 0 = AF, 1 = other
    target = torch.from_numpy(1 - ty)  # output index 0 = AF
    steps = EPOCHS * (len(ty) // BATCH)
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    g = torch.Generator().manual_seed(SEED)
    txt = torch.from_numpy(tx)
    for epoch in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(ty), generator=g)
        for b in range(len(ty) // BATCH):
            idx = perm[b * BATCH : (b + 1) * BATCH]
            x = txt[idx]
            x = x * torch.where(torch.rand(len(idx), 1, 1, generator=g) < 0.5, -1.0, 1.0)  # lead polarity
            x = torch.roll(x, int(torch.randint(0, WINDOW, (1,), generator=g)), dims=2)  # phase (circular)
            x = x + 0.05 * torch.randn(x.shape, generator=g)
            loss = F.cross_entropy(model(x), target[idx], weight=class_w)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        if (epoch + 1) % 5 == 0:
            m = binary_metrics(np.concatenate([cvy, pvy]), np.concatenate([af_scores(model, cvx), af_scores(model, pvx)]))
            print(f"epoch {epoch + 1} loss {loss.item():.4f} held-out windows {m} ({time.time() - t0:.0f} s)", flush=True)
    train_time = time.time() - t0
    p_cinc, p_cpsc = af_scores(model, cvx), af_scores(model, pvx)
    all_windows = binary_metrics(np.concatenate([cvy, pvy]), np.concatenate([p_cinc, p_cpsc]))
    cinc_windows = binary_metrics(cvy, p_cinc)
    cpsc_windows = binary_metrics(pvy, p_cpsc)
    # Record level for CinC: mean AF probability over a record's windows.
    names = sorted(set(cvrec))
    rec_y = np.array([int(cvy[cvrec == n][0]) for n in names])
    rec_p = np.array([float(p_cinc[cvrec == n].mean()) for n in names])
    cinc_records_m = binary_metrics(rec_y, rec_p)
    print("held-out windows (all):", all_windows)
    print("held-out CinC 2017 windows:", cinc_windows)
    print("held-out CinC 2017 records (mean window probability):", cinc_records_m)
    print("held-out CPSC 2021 subject 92 windows:", cpsc_windows)
    print(f"training time {train_time:.0f} s")

    manifest = {
        "name": "rhythm-af",
        "version": "1.0.0",
        "task": "ecg-record-classification",
        "file": "model.pt",
        "description": "Demo 1D CNN (built-in baseline removal, 5 conv blocks, global average+max pooling, dropout "
                       "0.3) that labels a 10-s single-lead ECG window as atrial fibrillation or other rhythm; a record "
                       "is scored by its windows. Trained on 120 short CinC 2017 records and 2 CPSC 2021 subjects: a "
                       "demonstration, not a clinical tool.",
        "licence": "GPL-3.0-or-later (weights trained on PhysioNet/CinC Challenge 2017 data under ODC-By 1.0 and "
                   "CPSC 2021 data under CC BY 4.0)",
        "training_data": f"CinC 2017: {len(cinc_train)} records train, {len(cinc_val)} held out (stratified by class, "
                         f"seed {SEED}; held out: {', '.join(sorted(val_cinc))}); labels A = AF, N/O/~ = other. "
                         "CPSC 2021: subjects 8 (persistent AF) and 21 (non-AF) train; subject 92 (paroxysmal AF) "
                         "held out; window label from the '(AFIB' rhythm annotations (AF when >= 50% of the window; "
                         "training skips windows with 10-90% AF).",
        "metrics": {
            "validation": "held-out records/subjects only; AF threshold 0.5 on softmax probability",
            "windows_all_heldout": all_windows,
            "windows_cinc2017_heldout": cinc_windows,
            "records_cinc2017_heldout_mean_probability": cinc_records_m,
            "windows_cpsc2021_subject92": cpsc_windows,
            "training_seconds": round(train_time),
        },
        "input": {
            "dtype": "float32",
            "shape": [-1, 1, WINDOW],
            "leads": ["any"],
            "lead_policy": "first lead of the record (lead I on CPSC 2021, the AliveCor lead on CinC 2017)",
            "sampling_rate_hz": FS,
            "window_samples": WINDOW,
            "stride_samples": STRIDE,
            "beat_centred": False,
            "short_record_policy": "records shorter than one window are repeated to fill it",
            "resample": "linear interpolation to 100 Hz",
            "normalisation": {"method": "zscore", "scope": "per window"},
        },
        "output": {
            "activation": "softmax",
            "labels": [
                {"index": 0, "name": "Atrial fibrillation", "code": "AF"},
                {"index": 1, "name": "Other rhythm", "code": "other"},
            ],
            "record_aggregation": "mean of window probabilities",
        },
        "thresholds": {"AF": 0.5},
        "uncertainty": {"method": "mc-dropout", "passes": 10},
    }
    export(model, torch.from_numpy(cvx[:4]), "rhythm-af", manifest)


if __name__ == "__main__":
    main()
