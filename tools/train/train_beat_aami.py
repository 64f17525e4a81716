#!/usr/bin/python3
"""Trains `beat-aami`: a small 1D CNN (with dropout) classifying annotated beats into AAMI classes N/S/V/F/Q.

Data: reference beat annotations of MIT-BIH Arrhythmia 100 and 208, MIT-BIH Supraventricular Arrhythmia 800
and CPSC 2021 subjects 8, 21 and 92. Split by patient: train on mitdb 100, mitdb 208, CPSC subjects 8 and 21;
validate on svdb 800 and CPSC subject 92 (never seen in training).
Input policy: first lead of the record, resampled to 128 Hz (linear interpolation); a window from 1.0 s before
to 0.5 s after the beat (192 samples; the wide "before" part shows the preceding beat, so prematurity is
visible); per-window z-score. Output: logits [B, 5].
Run: /usr/bin/python3 tools/train/train_beat_aami.py   (about 2-4 minutes on one CPU core)
"""
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import ecg, wfdb
from common.export import export, seed_everything

SEED = 2021
FS = 128
BEFORE_S, AFTER_S = 1.0, 0.5
BEFORE, AFTER = int(round(BEFORE_S * FS)), int(round(AFTER_S * FS))
WINDOW = BEFORE + AFTER
CLASSES = wfdb.AAMI_CLASSES
NAMES = ["Normal / bundle branch block", "Supraventricular ectopic", "Ventricular ectopic", "Fusion",
         "Unknown / paced"]
TRAIN = ["mitdb/100", "mitdb/208", "cpsc2021/data_8_2", "cpsc2021/data_8_3", "cpsc2021/data_8_4",
         "cpsc2021/data_21_7", "cpsc2021/data_21_8", "cpsc2021/data_21_9"]
VAL = ["svdb/800", "cpsc2021/data_92_4", "cpsc2021/data_92_12", "cpsc2021/data_92_19"]
EPOCHS = 12
BATCH = 128


class BeatNet(nn.Module):
    def __init__(self, classes=5, p_drop=0.3):
        super().__init__()
        layers = []
        chans = [1, 16, 24, 32, 48]
        for cin, cout, k in zip(chans[:-1], chans[1:], [7, 5, 5, 3]):
            layers += [nn.Conv1d(cin, cout, k, padding=k // 2, bias=False), nn.BatchNorm1d(cout), nn.ReLU(inplace=True),
                       nn.MaxPool1d(2)]
        self.features = nn.Sequential(*layers)
        self.drop = nn.Dropout(p_drop)
        self.fc1 = nn.Linear(48 * (WINDOW // 16), 64)
        self.fc2 = nn.Linear(64, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Baseline removal inside the model (so the app only has to z-score): subtract a ~0.5 s moving
        # average, then re-standardise each window.
        x = x - F.avg_pool1d(x, 63, stride=1, padding=31, count_include_pad=False)
        x = (x - x.mean(2, keepdim=True)) / (x.std(2, keepdim=True) + 1e-6)
        h = self.features(x).flatten(1)
        h = self.drop(F.relu(self.fc1(self.drop(h))))
        return self.fc2(h)


def load_beats(records):
    xs, ys, rec_ids = [], [], []
    for r in records:
        hdr, sig = wfdb.read_record(f"{ecg.DATA}/{r}")
        lead = ecg.resample(sig[0], hdr.fs, FS)
        for sample, sym, _ in wfdb.read_annotations(f"{ecg.DATA}/{r}"):
            cls = wfdb.AAMI.get(sym)
            if cls is None:
                continue
            c = int(round(sample / hdr.fs * FS))
            if c - BEFORE < 0 or c + AFTER > len(lead):
                continue
            xs.append(lead[c - BEFORE : c + AFTER])
            ys.append(CLASSES.index(cls))
            rec_ids.append(r)
    return ecg.zscore(np.stack(xs))[:, None], np.array(ys), np.array(rec_ids)


def time_scale(x, factor):
    """Stretches the window in time by factor about the beat position (keeps length and centre)."""
    pos = (torch.arange(WINDOW, dtype=torch.float32) - BEFORE) / factor + BEFORE
    pos = pos.clamp(0, WINDOW - 1)
    lo = pos.floor().long()
    hi = (lo + 1).clamp(max=WINDOW - 1)
    frac = pos - lo.float()
    return x[:, :, lo] * (1 - frac) + x[:, :, hi] * frac


def predict(model, x):
    model.eval()
    with torch.no_grad():
        return torch.cat([model(torch.from_numpy(x[i : i + 1024])) for i in range(0, len(x), 1024)]).argmax(1).numpy()


def main():
    seed_everything(SEED, threads=1)
    t0 = time.time()
    tx, ty, _ = load_beats(TRAIN)
    vx, vy, vrec = load_beats(VAL)
    print("train beats per class", dict(zip(CLASSES, np.bincount(ty, minlength=5).tolist())))
    print("val beats per class  ", dict(zip(CLASSES, np.bincount(vy, minlength=5).tolist())))
    model = BeatNet()
    print(f"parameters: {sum(p.numel() for p in model.parameters())}")
    # Class-balanced sampling (sqrt of inverse frequency) so rare classes are seen without flooding them.
    counts = np.bincount(ty, minlength=5).astype(np.float64)
    w = 1.0 / np.sqrt(np.maximum(counts, 1))
    sample_w = torch.from_numpy(w[ty])
    steps_per_epoch = len(ty) // BATCH
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=EPOCHS * steps_per_epoch)
    g = torch.Generator().manual_seed(SEED)
    txt, tyt = torch.from_numpy(tx), torch.from_numpy(ty)
    for epoch in range(EPOCHS):
        model.train()
        for _ in range(steps_per_epoch):
            idx = torch.multinomial(sample_w, BATCH, replacement=True, generator=g)
            x = txt[idx]
            # Augment: amplitude scale, small shift of the beat centre, noise, then re-standardise.
            x = x * (0.8 + 0.4 * torch.rand(BATCH, 1, 1, generator=g))
            x = torch.roll(x, int(torch.randint(-3, 4, (1,), generator=g)), dims=2)
            x = x + 0.05 * torch.randn(x.shape, generator=g)
            # Baseline drift and a random time scale (0.9-1.1) around the beat centre.
            ramp = torch.linspace(-1, 1, WINDOW)[None, None]
            x = x + 0.3 * torch.randn(BATCH, 1, 1, generator=g) * ramp
            x = time_scale(x, 0.9 + 0.2 * float(torch.rand(1, generator=g)))
            x = (x - x.mean(2, keepdim=True)) / (x.std(2, keepdim=True) + 1e-6)
            loss = F.cross_entropy(model(x), tyt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        cm = ecg.confusion(vy, predict(model, vx), 5)
        print(f"epoch {epoch + 1} loss {loss.item():.4f} val acc {np.trace(cm) / cm.sum():.4f} ({time.time() - t0:.0f} s)", flush=True)
    train_time = time.time() - t0
    pred = predict(model, vx)
    cm = ecg.confusion(vy, pred, 5)
    stats = per_class(cm)
    print("held-out confusion matrix (rows reference N,S,V,F,Q; columns predicted):")
    print(cm)
    print(json.dumps(stats, indent=1))
    per_record = {r: float((pred[vrec == r] == vy[vrec == r]).mean()) for r in VAL}
    print("accuracy per held-out record", per_record)
    print(f"training time {train_time:.0f} s")

    metrics = {
        "validation": "held-out patients: svdb/800 and CPSC 2021 subject 92 (records data_92_4, _12, _19); "
                      "reference beat annotations; no Q beats in the held-out set",
        "beats": int(len(vy)),
        "accuracy": round(float(np.trace(cm) / cm.sum()), 4),
        "per_class": stats,
        "confusion_matrix_rows_reference_cols_predicted": cm.tolist(),
        "training_seconds": round(train_time),
    }
    manifest = {
        "name": "beat-aami",
        "version": "1.0.0",
        "task": "ecg-beat-classification",
        "file": "model.pt",
        "description": "Demo 1D CNN (built-in baseline removal, 4 conv blocks, dropout 0.3) that classifies one beat, given its position, "
                       "into the AAMI classes N/S/V/F/Q from a single lead. Trained on about 7,000 beats of 4 "
                       "patients: a demonstration, not a clinical tool; S and F are weak (few training examples).",
        "licence": "GPL-3.0-or-later (weights trained on MIT-BIH Arrhythmia DB and MIT-BIH Supraventricular "
                   "Arrhythmia DB data under ODC-By 1.0, and CPSC 2021 data under CC BY 4.0)",
        "training_data": "Reference beat annotations (.atr). Train: MIT-BIH Arrhythmia 100 and 208; CPSC 2021 "
                         "subjects 8 (data_8_2/3/4) and 21 (data_21_7/8/9). Validation (held-out patients): MIT-BIH "
                         "Supraventricular Arrhythmia 800; CPSC 2021 subject 92 (data_92_4/12/19). AAMI mapping: "
                         "N={N,L,R,e,j}, S={A,a,J,S}, V={V,E}, F={F}, Q={/,f,Q}.",
        "metrics": metrics,
        "input": {
            "dtype": "float32",
            "shape": [-1, 1, WINDOW],
            "leads": ["any"],
            "lead_policy": "first lead of the record (MLII on MIT-BIH)",
            "sampling_rate_hz": FS,
            "window_samples": WINDOW,
            "stride_samples": 0,
            "beat_centred": True,
            "beat_window_before_s": BEFORE_S,
            "beat_window_after_s": AFTER_S,
            "beat_window_before_samples": BEFORE,
            "resample": "linear interpolation to 128 Hz; beat sample index = round(t_beat * 128)",
            "normalisation": {"method": "zscore", "scope": "per window"},
        },
        "output": {
            "activation": "softmax",
            "labels": [{"index": i, "name": NAMES[i], "code": c} for i, c in enumerate(CLASSES)],
        },
        "uncertainty": {"method": "mc-dropout", "passes": 10},
    }
    export(model, torch.from_numpy(vx[:4]), "beat-aami", manifest)


def per_class(cm):
    raw = ecg.per_class(cm, CLASSES)
    return {k: {kk: (round(vv, 4) if isinstance(vv, float) else vv) for kk, vv in v.items()} for k, v in raw.items()}


if __name__ == "__main__":
    main()
