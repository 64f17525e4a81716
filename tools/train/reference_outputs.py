#!/usr/bin/python3
"""Writes tests/data/models/reference_outputs.json: what the bundled models give, through the preprocessing
their manifests document, on the demo samples in resources/samples. The C++ runner's tests can compare
against it (small float differences are expected where the app resamples differently; compare argmax).
Run: /usr/bin/python3 tools/train/reference_outputs.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from common import datasets, ecg, sunnybrook as sb, wfdb
from common.export import REPO

SAMPLES = os.path.join(REPO, "resources", "samples")
MODELS = os.path.join(REPO, "resources", "models")


def load(name):
    return torch.jit.load(os.path.join(MODELS, name, "model.pt")).eval()


def beat_reference(folder="beat-aami"):
    m = json.load(open(os.path.join(MODELS, folder, "manifest.json")))["input"]
    fs, before = m["sampling_rate_hz"], m["beat_window_before_samples"]
    after = m["window_samples"] - before
    rec = os.path.join(SAMPLES, "ecg", "mitdb", "100s")
    hdr, sig = wfdb.read_record(rec)
    lead = ecg.resample(sig[0], hdr.fs, fs)
    anns = wfdb.read_annotations(rec)
    # RR features (beat-aami 2.0) come from every beat of the record, edge beats included.
    beat_anns = [(s, sym) for s, sym, _ in anns if sym in wfdb.AAMI]
    rr = dict(zip([s for s, _ in beat_anns], datasets.rr_features([s / hdr.fs for s, _ in beat_anns])))
    beats, windows = [], []
    for sample, sym, _ in anns:
        cls = wfdb.AAMI.get(sym)
        c = int(round(sample / hdr.fs * fs))
        if cls is None or c - before < 0 or c + after > len(lead):
            continue
        beats.append((sample, cls))
        windows.append(lead[c - before : c + after])
    x = ecg.zscore(np.stack(windows))
    if m.get("rr_features"):
        x = np.concatenate([x, np.stack([rr[b[0]] for b in beats])], 1)
    x = torch.from_numpy(x.astype(np.float32)[:, None])
    with torch.no_grad():
        logits = load(folder)(x)
    pred = [wfdb.AAMI_CLASSES[i] for i in logits.argmax(1).tolist()]
    return {
        "record": "resources/samples/ecg/mitdb/100s (lead 0, MLII)",
        "beats": len(beats),
        "beat_samples_360hz": [b[0] for b in beats],
        "reference_aami": "".join(b[1] for b in beats),
        "predicted_aami": "".join(pred),
        "agreement_with_reference": round(float(np.mean([p == b[1] for p, b in zip(pred, beats)])), 4),
        "first_3_logits": [[round(v, 4) for v in row] for row in logits[:3].tolist()],
    }


def rhythm_reference(folder="rhythm-af"):
    m = json.load(open(os.path.join(MODELS, folder, "manifest.json")))["input"]
    rec = os.path.join(SAMPLES, "ecg", "cinc2021", "E07500")
    hdr, sig = wfdb.read_record(rec)
    lead = ecg.resample(sig[0], hdr.fs, m["sampling_rate_hz"])
    n = m["window_samples"]
    if len(lead) < n:
        lead = np.resize(lead, n)
    starts = list(range(0, len(lead) - n + 1, m["stride_samples"]))
    x = torch.from_numpy(ecg.zscore(np.stack([lead[s : s + n] for s in starts]))[:, None])
    with torch.no_grad():
        logits = load(folder)(x)
    p_af = torch.softmax(logits, 1)[:, 0]
    return {
        "record": "resources/samples/ecg/cinc2021/E07500 (lead 0, I; 500 Hz resampled to 100 Hz)",
        "dx_comment": [c for c in hdr.comments if c.startswith("Dx")],
        "window_starts_100hz": starts,
        "logits": [[round(v, 4) for v in row] for row in logits.tolist()],
        "record_af_probability": round(float(p_af.mean()), 4),
    }


def rle(mask):
    """Row-major run lengths of a label image as "value:count value:count ..."."""
    flat = mask.ravel().tolist()
    runs, start = [], 0
    for i in range(1, len(flat) + 1):
        if i == len(flat) or flat[i] != flat[start]:
            runs.append(f"{flat[start]}:{i - start}")
            start = i
    return " ".join(runs)


def logits_at(logits, small):
    """Raw logits at a few probe pixels: the image centre, a corner, and the first pixel of each
    foreground class in row-major order; as [y, x, [logit per class]]."""
    probes = [(64, 64), (0, 0)]
    for c in (1, 2):
        ys, xs = np.nonzero(small == c)
        if len(ys):
            probes.append((int(ys[0]), int(xs[0])))
    return [[y, x, [round(float(v), 4) for v in logits[:, y, x].tolist()]] for y, x in probes]


def seg_reference():
    folder = os.path.join(SAMPLES, "imaging", "sunnybrook")
    model = load("lv-seg-sunnybrook")
    out = {"note": "SCD0000101 is a TRAINING patient of this model: these figures check the pipeline, "
                   "not accuracy"}
    for nn in (108, 119):
        img = sb.read_pixels(os.path.join(folder, "SCD0000101", f"{nn}.dcm"))
        x = torch.from_numpy(sb.downsample2(sb.percentile_normalise(img)))[None, None]
        with torch.no_grad():
            logits = model(x)
            pred = F.interpolate(logits, size=(256, 256), mode="bilinear", align_corners=False).argmax(1)[0].numpy()
        small = logits.argmax(1)[0].numpy()
        entry = {"pixels_per_class_256": np.bincount(pred.ravel(), minlength=3).tolist(),
                 "pixels_per_class_128": np.bincount(small.ravel(), minlength=3).tolist(),
                 "argmax_128_rle": rle(small),
                 "logits_128_at": logits_at(logits[0], small)}
        cdir = os.path.join(folder, "contours", "SC-HF-I-1")
        ipath = os.path.join(cdir, "i-contours", f"IM-0001-{nn:04d}-icontour-manual.txt")
        if os.path.exists(ipath):
            ref_blood = sb.polygon_mask(sb.read_contour(ipath))
            entry["dice_lv_blood_pool"] = round(float(2 * ((pred == 1) & ref_blood).sum() / ((pred == 1).sum() + ref_blood.sum())), 4)
        out[f"{nn}.dcm"] = entry
    return out


def main():
    ref = {"beat-aami": beat_reference(), "rhythm-af": rhythm_reference(), "lv-seg-sunnybrook": seg_reference(),
           "beat-aami@2.0.0": beat_reference("beat-aami-2.0"), "rhythm-af@2.0.0": rhythm_reference("rhythm-af-2.0")}
    path = os.path.join(REPO, "tests", "data", "models", "reference_outputs.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk not in ("beat_samples_360hz", "reference_aami", "predicted_aami")}
                      for k, v in ref.items()}, indent=1))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    torch.set_num_threads(1)
    main()
