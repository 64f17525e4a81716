#!/usr/bin/python3
"""Checks every bundled model: manifest keys and values the C++ registry parses, file size < 5 MB, and a
forward pass of the declared input shape (batch 2) giving one logit per declared label.
Run: /usr/bin/python3 tools/train/check_models.py   (exit status 1 on any problem)
"""
import json
import os
import sys

import torch

MODELS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "resources", "models"))
TASKS = {"ecg-record-classification", "ecg-beat-classification", "ecg-delineation", "segmentation-2d"}
REQUIRED = ["name", "version", "task", "file", "description", "licence", "training_data", "metrics", "input",
            "output", "uncertainty"]


def check(folder):
    problems = []
    m = json.load(open(os.path.join(folder, "manifest.json")))
    problems += [f"missing key '{k}'" for k in REQUIRED if k not in m]
    if m.get("task") not in TASKS:
        problems.append(f"unknown task {m.get('task')}")
    # A folder is the model's name, or name-MAJOR.MINOR for an older/newer version kept beside it.
    if os.path.basename(folder) not in (m.get("name"), f"{m.get('name')}-{'.'.join(m.get('version', '').split('.')[:2])}"):
        problems.append("folder is neither the name nor name-MAJOR.MINOR")
    pt = os.path.join(folder, m.get("file", "model.pt"))
    if os.path.getsize(pt) >= 5 * 1024 * 1024:
        problems.append("model over 5 MB")
    inp, out = m["input"], m["output"]
    if inp.get("dtype") != "float32" or inp["shape"][0] != -1:
        problems.append("input must be float32 with batch dimension -1")
    if inp.get("normalisation", {}).get("method") not in {"zscore", "minmax", "percentile", "none"}:
        problems.append("bad normalisation method")
    if out.get("activation") not in {"softmax", "sigmoid", "none"}:
        problems.append("bad activation")
    labels = out["labels"]
    if [l["index"] for l in labels] != list(range(len(labels))):
        problems.append("label indices must be 0..n-1 in order")
    if m["task"].startswith("ecg-"):
        if inp["shape"][2] != inp["window_samples"] + len(inp.get("rr_features", [])):
            problems.append("shape and window_samples disagree")
    else:
        if inp["shape"][2:] != inp["size"] or inp["shape"][1] != inp["channels"]:
            problems.append("shape disagrees with size/channels")
    model = torch.jit.load(pt).eval()
    shape = [2] + inp["shape"][1:]
    with torch.no_grad():
        y = model(torch.randn(shape))
    if y.shape[0] != 2 or y.shape[1] != len(labels):
        problems.append(f"output shape {list(y.shape)} does not give {len(labels)} labels")
    if not torch.isfinite(y).all():
        problems.append("non-finite output")
    unc = m["uncertainty"]
    if unc.get("method") == "mc-dropout":
        # MC-dropout as the app does it: only the listed dropout modules in train mode -> passes differ,
        # and switching them back gives the deterministic output again.
        mods = dict(model.named_modules())
        missing = [n for n in unc.get("dropout_modules", []) if n not in mods]
        if missing or not unc.get("dropout_modules"):
            problems.append(f"dropout_modules missing or unknown: {missing}")
        else:
            x = torch.randn(shape)
            with torch.no_grad():
                ref = model(x)
                for n in unc["dropout_modules"]:
                    mods[n].train()
                a, b = model(x), model(x)
                for n in unc["dropout_modules"]:
                    mods[n].eval()
                again = model(x)
            if torch.equal(a, b):
                problems.append("MC-dropout passes are identical")
            if not torch.equal(ref, again):
                problems.append("output changed after MC-dropout")
    return problems, list(y.shape), os.path.getsize(pt)


def main():
    ok = True
    for name in sorted(os.listdir(MODELS)):
        folder = os.path.join(MODELS, name)
        if not os.path.isfile(os.path.join(folder, "manifest.json")):
            continue
        if not os.path.isfile(os.path.join(folder, json.load(open(os.path.join(folder, "manifest.json")))["file"])):
            print(f"{name}: third-party model, weights kept with the shared data: not checked here")
            continue
        problems, shape, size = check(folder)
        ok &= not problems
        print(f"{name}: {size / 1024:.0f} KiB, output {shape}: {'OK' if not problems else '; '.join(problems)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
