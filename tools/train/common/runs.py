"""Command line, device choice and weight files shared by the v2 training scripts.

A script trains its cross-validation folds and a final model, writes the final weights as a plain .npz
(readable by any PyTorch version) plus a metrics JSON, and later scripts the model for the app from
those weights with `--export` (Debian's torch 1.13, whose TorchScript files the app's libtorch loads).
"""
import argparse
import json
import os

import numpy as np
import torch


def parse_args(doc, default_out, extra=()):
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cache", help="folder of data packs (pack_data.py); read or written there")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--out", default=default_out, help="folder for weights.npz, metrics.json, log")
    p.add_argument("--export", action="store_true",
                   help="script the model from OUT/weights.npz and write it with its manifest (no training)")
    p.add_argument("--quick", action="store_true", help="few folds and steps: checks the script runs")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--task", default="cinc2017", help="rhythm script only: cinc2017 or af")
    for name, kwargs in extra:
        p.add_argument(name, **kwargs)
    return p.parse_args()


def save_weights(model, path):
    np.savez(path, **{k: v.detach().cpu().numpy() for k, v in model.state_dict().items()})


def load_weights(model, path):
    z = np.load(path)
    model.load_state_dict({k: torch.from_numpy(z[k]) for k in z.files})
    return model


def write_json(obj, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def f1_per_class(cm, names):
    """CinC 2017 style F1 per class: 2 * TP / (reference count + predicted count)."""
    out = {}
    for i, n in enumerate(names):
        ref, pred, tp = int(cm[i].sum()), int(cm[:, i].sum()), int(cm[i, i])
        out[n] = dict(reference=ref, predicted=pred, tp=tp,
                      sensitivity=round(tp / ref, 4) if ref else None,
                      ppv=round(tp / pred, 4) if pred else None,
                      f1=round(2 * tp / (ref + pred), 4) if ref + pred else None)
    return out


def stratified_folds(labels, k, seed):
    """Record-level folds with each class spread evenly (round robin over a seeded shuffle per class)."""
    rng = np.random.default_rng(seed)
    fold = np.zeros(len(labels), dtype=np.int64)
    for c in sorted(set(labels)):
        idx = np.flatnonzero(np.asarray(labels) == c)
        rng.shuffle(idx)
        fold[idx] = np.arange(len(idx)) % k
    return fold
