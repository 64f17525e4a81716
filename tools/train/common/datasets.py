"""Training sets read from shared/data and cached as compact .npz packs.

The packs let a run on another machine (a GPU lent for a session) train without the raw dataset
folders: `pack_data.py` writes them here, the training scripts read them with `--cache DIR`.
"""
import csv
import os

import numpy as np

from . import ecg, wfdb

# MIT-BIH inter-patient training split DS1 (de Chazal et al. 2004). DS2 is kept elsewhere for
# evaluation: beat models train and tune on these records only.
DS1 = ["101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122", "124", "201", "203",
       "205", "207", "208", "209", "215", "220", "223", "230"]
BEAT_SYMBOLS = set(wfdb.AAMI)
RR_FEATURES = ["pre_rr_s", "post_rr_s", "local_rr_s", "record_rr_s"]
LOCAL_BEATS = 10


def data_root():
    return os.environ.get("CARDIOLENS_ECG_DATA", ecg.DATA)


def rr_features(times_s):
    """Per beat: previous RR, next RR, mean of the last LOCAL_BEATS previous RRs (this one included) and the
    record's median RR, in seconds. The app computes the same from the beats it classifies
    (core/inference/BeatRrFeatures.cpp): keep the two in step."""
    t = np.asarray(times_s, dtype=np.float64)
    n = len(t)
    out = np.zeros((n, 4), dtype=np.float32)
    if n < 2:
        out[:] = 1.0
        return out
    rr = np.diff(t)
    pre = np.concatenate([[rr[0]], rr])
    post = np.concatenate([rr, [rr[-1]]])
    csum = np.concatenate([[0.0], np.cumsum(pre)])
    idx = np.arange(n)
    lo = np.maximum(0, idx - (LOCAL_BEATS - 1))
    local = (csum[idx + 1] - csum[lo]) / (idx + 1 - lo)
    out[:, 0], out[:, 1], out[:, 2], out[:, 3] = pre, post, local, np.median(rr)
    return out


def _half(x):
    """Rounds to float16 precision, as the packs store it, so packed and unpacked runs see the same data."""
    return x.astype(np.float16).astype(np.float32)


def _mlii(hdr):
    for i, s in enumerate(hdr.signals):
        if s.get("desc", "").strip().upper() == "MLII":
            return i
    return 0


def load_ds1(fs, cache=None):
    """{record: dict(lead float32 at fs, beat int64 sample at fs, label int64 AAMI index, rr float32 [n,4])}."""
    path = os.path.join(cache, f"ds1_{fs}.npz") if cache else None
    if path and os.path.exists(path):
        z = np.load(path)
        return {r: {k: (z[f"{r}/{k}"].astype(np.float32) if k == "lead" else z[f"{r}/{k}"])
                    for k in ("lead", "beat", "label", "rr")} for r in DS1 if f"{r}/lead" in z}
    out = {}
    for r in DS1:
        hdr, sig = wfdb.read_record(f"{data_root()}/mitdb/{r}")
        lead = _half(ecg.resample(sig[_mlii(hdr)], hdr.fs, fs))
        anns = [(s, sym) for s, sym, _ in wfdb.read_annotations(f"{data_root()}/mitdb/{r}") if sym in BEAT_SYMBOLS]
        samples = np.array([s for s, _ in anns], dtype=np.int64)
        labels = np.array([wfdb.AAMI_CLASSES.index(wfdb.AAMI[sym]) for _, sym in anns], dtype=np.int64)
        out[r] = dict(lead=lead, beat=np.round(samples / hdr.fs * fs).astype(np.int64), label=labels,
                      rr=rr_features(samples / hdr.fs))
    if path:
        os.makedirs(cache, exist_ok=True)
        np.savez_compressed(path, **{f"{r}/{k}": (v.astype(np.float16) if k == "lead" else v)
                                     for r, d in out.items() for k, v in d.items()})
    return out


def load_cinc2017(fs, cache=None):
    """[(name, label in N/A/O/~, lead float32 at fs)] in REFERENCE.csv order (first lead)."""
    path = os.path.join(cache, f"cinc2017_{fs}.npz") if cache else None
    if path and os.path.exists(path):
        z = np.load(path)
        names, labels = list(z["names"]), list(z["labels"])
        return [(n, l, z[n].astype(np.float32)) for n, l in zip(names, labels)]
    with open(f"{data_root()}/cinc2017/REFERENCE.csv") as f:
        ref = [(row[0], row[1]) for row in csv.reader(f) if row]
    out = []
    for name, label in ref:
        base = f"{data_root()}/cinc2017/{name}"
        if not os.path.exists(base + ".hea"):
            continue
        hdr, sig = wfdb.read_record(base)
        out.append((name, label, _half(ecg.resample(sig[0], hdr.fs, fs))))
    if path:
        os.makedirs(cache, exist_ok=True)
        np.savez_compressed(path, names=np.array([n for n, _, _ in out]), labels=np.array([l for _, l, _ in out]),
                            **{n: x.astype(np.float16) for n, _, x in out})
    return out


def load_cpsc2021(fs, records, cache=None):
    """{record: (lead float32 at fs, af bool per sample at fs)} from the '(AF' rhythm annotations."""
    path = os.path.join(cache, f"cpsc2021_{fs}.npz") if cache else None
    if path and os.path.exists(path):
        z = np.load(path)
        return {r: (z[f"{r}/lead"].astype(np.float32), z[f"{r}/af"]) for r in records if f"{r}/lead" in z}
    out = {}
    for name in records:
        base = f"{data_root()}/cpsc2021/{name}"
        hdr, sig = wfdb.read_record(base)
        af = np.zeros(sig.shape[1], dtype=bool)
        for s, e, aux in wfdb.rhythm_intervals(wfdb.read_annotations(base), sig.shape[1]):
            if aux.startswith("(AF"):
                af[s:e] = True
        lead = _half(ecg.resample(sig[0], hdr.fs, fs))
        af_rs = af[np.minimum((np.arange(len(lead)) * hdr.fs / fs).astype(int), len(af) - 1)]
        out[name] = (lead, af_rs)
    if path:
        os.makedirs(cache, exist_ok=True)
        np.savez_compressed(path, **{f"{r}/lead": v[0].astype(np.float16) for r, v in out.items()},
                            **{f"{r}/af": v[1] for r, v in out.items()})
    return out
