#!/usr/bin/python3
"""Fine-tunes a Cardiolens 2-D segmentation model (the TorchScript model.pt of e.g. lv-seg-sunnybrook) on an
nnU-Net v2 raw dataset exported by `cardiolens-cli export --format nnunet`, on the CPU, and writes a new model
version (model.pt + manifest.json, version bumped, `training_data` = the export's provenance.json) into a models
folder the app's ModelRegistry reads (the user models folder).

    /usr/bin/python3 tools/train/retrain_segmentation.py --export OUT/Dataset501_Cardiolens \
        --base resources/models/lv-seg-sunnybrook --models-dir ~/.local/share/Cardiolens/cardiolens/models

Needs only Debian's python3-torch and python3-numpy. Machine-readable lines on stdout (for the app):
  PROGRESS <0..1> <text>       while training
  RESULT <json>                at the end (model folder, version, figures)
  MISSING <modules>            when numpy or torch cannot be imported (exit status 3)
Errors go to stderr as "retrain: <what>" with exit status 1 (2: usage). The new folder appears whole or not at
all (written beside it, renamed at the end), so a cancelled run leaves nothing behind.
"""
import argparse
import glob
import json
import math
import os
import shutil
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)


def fail(msg, code=1):
    print(f"retrain: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def _missing_modules():
    missing = []
    for m in ("numpy", "torch"):
        try:
            __import__(m)
        except ImportError:
            missing.append(m)
    return missing


_MISSING = _missing_modules()
if _MISSING:
    # The app reads this line and names the Debian packages; exit status 3 = missing modules.
    print("MISSING " + " ".join(_MISSING), flush=True)
    print(f"retrain: missing Python modules: {', '.join(_MISSING)} (Debian 12: apt install "
          + " ".join("python3-" + m for m in _MISSING) + ")", file=sys.stderr, flush=True)
    sys.exit(3)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from common import nifti  # noqa: E402

IGNORE = 255


def find_dataset(path):
    if os.path.isfile(os.path.join(path, "dataset.json")):
        return path
    found = sorted(glob.glob(os.path.join(path, "Dataset[0-9][0-9][0-9]_*", "dataset.json")))
    if len(found) != 1:
        fail(f"{path}: not an nnU-Net dataset folder (no dataset.json{', several datasets' if found else ''})")
    return os.path.dirname(found[0])


def version_key(v):
    parts = []
    for p in v.split("."):
        parts.append(int(p) if p.isdigit() else 0)
    return parts + [0] * (3 - len(parts))


def next_version(base_version, name, models_dir):
    """Patch bump past the base and past every version of this model already in the models folder."""
    best = version_key(base_version)
    for m in glob.glob(os.path.join(models_dir, "*", "manifest.json")):
        try:
            with open(m) as f:
                other = json.load(f)
        except (OSError, ValueError):
            continue
        if other.get("name") == name:
            best = max(best, version_key(str(other.get("version", "0"))))
    return f"{best[0]}.{best[1]}.{best[2] + 1}"


def normalise(img, norm):
    if norm.get("method") == "percentile":
        lo, hi = np.percentile(img, [norm.get("low", 1), norm.get("high", 99)])
        return np.clip((img - lo) / max(hi - lo, 1e-6), 0.0, 1.0).astype(np.float32)
    if norm.get("method") == "zscore":
        return ((img - img.mean()) / max(img.std(), 1e-6)).astype(np.float32)
    return img.astype(np.float32)


def load_cases(ds_dir, dataset, manifest, ids=None):
    """Images [N,1,H,W] at the model's input size, labels [N,H,W] in model classes (255 = ignore)."""
    ending = dataset["file_ending"]
    codes = {lab["code"]: lab["index"] for lab in manifest["output"]["labels"]}
    lut = np.zeros(256, dtype=np.int64)
    notes = []
    for name, value in dataset["labels"].items():
        if isinstance(value, list):
            fail("region-based labels are not supported by this trainer")
        if name == "ignore":
            lut[value] = IGNORE
        elif name in codes:
            lut[value] = codes[name]
        elif name != "background":
            notes.append(name)  # A structure the model does not output: background for it.
    h, w = manifest["input"]["size"][1], manifest["input"]["size"][0]
    norm = manifest["input"].get("normalisation", {})
    xs, ys, names = [], [], []
    for path in sorted(glob.glob(os.path.join(ds_dir, "labelsTr", "*" + ending))):
        case = os.path.basename(path)[: -len(ending)]
        if ids is not None and case not in ids:
            continue
        img, _ = nifti.read(os.path.join(ds_dir, "imagesTr", f"{case}_0000{ending}"))
        lab, _ = nifti.read(path)
        if img.shape != lab.shape:
            fail(f"{case}: image {img.shape} and label {lab.shape} differ")
        for z in range(img.shape[-3]):  # 3-D cases: every slice is a 2-D sample
            im = normalise(img.reshape(-1, *img.shape[-2:])[z].astype(np.float32), norm)
            lb = lut[lab.reshape(-1, *lab.shape[-2:])[z].astype(np.int64)]
            if not (lb != 0).any() and not (lb == IGNORE).any():
                continue
            ti = torch.from_numpy(im)[None, None]
            ti = F.interpolate(ti, size=(h, w), mode="area") if ti.shape[-2:] != (h, w) else ti
            tl = torch.from_numpy(lb)[None, None].float()
            tl = F.interpolate(tl, size=(h, w), mode="nearest") if tl.shape[-2:] != (h, w) else tl
            xs.append(ti[0])
            ys.append(tl[0, 0].long())
            names.append(case)
    if not xs:
        fail(f"{ds_dir}: no labelled case to train on")
    return torch.stack(xs), torch.stack(ys), names, notes


def augment(x, y, g):
    b = x.shape[0]
    ang = (torch.rand(b, generator=g) - 0.5) * (math.pi / 3)
    flip = torch.where(torch.rand(b, generator=g) < 0.5, -1.0, 1.0)
    scale = 0.9 + 0.2 * torch.rand(b, generator=g)
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = torch.cos(ang) / scale * flip
    theta[:, 0, 1] = -torch.sin(ang) / scale
    theta[:, 1, 0] = torch.sin(ang) / scale * flip
    theta[:, 1, 1] = torch.cos(ang) / scale
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    # Outside the image is unknown, not background: pad labels with ignore.
    y = F.grid_sample((y[:, None].float() + 1), grid, mode="nearest", padding_mode="zeros", align_corners=False)
    y = y[:, 0].long() - 1
    y[y < 0] = IGNORE
    return x, y


def loss_fn(logits, y, classes):
    ce = F.cross_entropy(logits, y, ignore_index=IGNORE)
    valid = (y != IGNORE)[:, None].float()
    p = logits.softmax(1) * valid
    t = F.one_hot(y.clamp(max=classes - 1), classes).permute(0, 3, 1, 2).float() * valid
    inter = (p * t).sum((0, 2, 3))[1:]
    denom = (p.sum((0, 2, 3)) + t.sum((0, 2, 3)))[1:]
    return ce + (1 - ((2 * inter + 1) / (denom + 1))).mean()


def set_train_mode(model):
    """Train mode for everything but BatchNorm: a few small batches must not overwrite the running statistics."""
    model.train()
    for _, m in model.named_modules():
        if getattr(m, "original_name", type(m).__name__).startswith("BatchNorm"):
            m.eval()


def main():
    # Cancel (SIGTERM from the app) unwinds through the finally blocks: no half-written model.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--export", required=True, help="nnU-Net dataset folder (or its parent)")
    ap.add_argument("--base", default=os.path.join(REPO, "resources", "models", "lv-seg-sunnybrook"),
                    help="folder of the model to fine-tune (manifest.json + model.pt)")
    ap.add_argument("--models-dir", default=os.environ.get("CARDIOLENS_MODELS_DIR", ""),
                    help="user models folder to write the new version into")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--val-fold", type=int, default=-1,
                    help="hold out this fold of splits_final.json and print its Dice (-1: train on all)")
    a = ap.parse_args()
    if not a.models_dir:
        fail("--models-dir is required (or set CARDIOLENS_MODELS_DIR)", 2)
    if a.epochs < 1 or a.batch < 1 or a.threads < 1:
        fail("--epochs, --batch and --threads must be positive", 2)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    torch.set_num_threads(a.threads)
    t0 = time.time()

    ds_dir = find_dataset(os.path.abspath(a.export))
    with open(os.path.join(ds_dir, "dataset.json")) as f:
        dataset = json.load(f)
    provenance = os.path.join(ds_dir, "provenance.json")
    if not os.path.isfile(provenance):
        fail(f"{ds_dir}: no provenance.json (export it with cardiolens-cli export)")
    base_manifest_path = os.path.join(a.base, "manifest.json")
    try:
        with open(base_manifest_path) as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{base_manifest_path}: {e}")
    if manifest.get("task") != "segmentation-2d":
        fail(f"{base_manifest_path}: task is {manifest.get('task')}, this trainer fine-tunes segmentation-2d models")
    model = torch.jit.load(os.path.join(a.base, manifest.get("file", "model.pt")))

    train_ids = val_ids = None
    if a.val_fold >= 0:
        with open(os.path.join(ds_dir, "splits_final.json")) as f:
            split = json.load(f)[a.val_fold]
        train_ids, val_ids = set(split["train"]), set(split["val"])
    x, y, names, notes = load_cases(ds_dir, dataset, manifest, train_ids)
    classes = len(manifest["output"]["labels"])
    labelled = int((y != IGNORE).sum())
    print(f"training samples {len(x)} from {len(set(names))} cases; labelled pixels {labelled}; "
          f"ignored {int((y == IGNORE).sum())}" + (f"; treated as background: {', '.join(notes)}" if notes else ""),
          flush=True)

    g = torch.Generator().manual_seed(a.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    steps_per_epoch = max(1, math.ceil(len(x) / a.batch))
    total = steps_per_epoch * a.epochs
    step = 0
    last_loss = float("nan")
    for epoch in range(a.epochs):
        set_train_mode(model)
        order = torch.randperm(len(x), generator=g)
        for s in range(steps_per_epoch):
            idx = order[s * a.batch:(s + 1) * a.batch]
            bx, by = augment(x[idx], y[idx], g)
            loss = loss_fn(model(bx), by, classes)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
            last_loss = float(loss)
            print(f"PROGRESS {step / total:.4f} epoch {epoch + 1}/{a.epochs} loss {last_loss:.4f}", flush=True)
    model.eval()

    val = {}
    if val_ids:
        vx, vy, _, _ = load_cases(ds_dir, dataset, manifest, val_ids)
        with torch.no_grad():
            pred = model(vx).argmax(1)
        for c in range(1, classes):
            a_, b_ = pred == c, vy == c
            d = int(a_.sum() + b_.sum())
            if d:
                val[manifest["output"]["labels"][c]["code"]] = round(2 * int((a_ & b_).sum()) / d, 4)

    name = manifest["name"]
    base_version = str(manifest.get("version", "1.0.0"))
    os.makedirs(a.models_dir, exist_ok=True)
    version = next_version(base_version, name, a.models_dir)
    final = os.path.join(a.models_dir, f"{name}-{version}")
    # Hidden while incomplete: the registry does not list dot folders.
    staging = os.path.join(a.models_dir, f".{name}-{version}.partial-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    try:
        pt = os.path.join(staging, "model.pt")
        model.save(pt)
        reloaded = torch.jit.load(pt).eval()
        with torch.no_grad():
            diff = float((reloaded(x[:2]) - model(x[:2])).abs().max())
        if diff > 1e-5:
            fail(f"{pt}: the reloaded model differs by {diff}")
        seconds = time.time() - t0
        manifest["version"] = version
        manifest["file"] = "model.pt"
        manifest["training_data"] = os.path.abspath(provenance)
        manifest["description"] = (f"{name} {base_version} fine-tuned by Cardiolens on {len(set(names))} exported "
                                   f"cases ({os.path.basename(ds_dir)}). " + manifest.get("description", ""))
        manifest["metrics"] = {"training_cases": len(set(names)), "training_samples": len(x),
                               "final_loss": round(last_loss, 4), "training_seconds": round(seconds, 1)}
        if val:
            manifest["metrics"]["validation_dice"] = val
        manifest["retrain"] = {"base": f"{name}@{base_version}", "epochs": a.epochs, "batch": a.batch,
                               "lr": a.lr, "seed": a.seed, "bn_frozen": True,
                               "export": os.path.abspath(ds_dir)}
        with open(os.path.join(staging, "manifest.json"), "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        if os.path.exists(final):
            fail(f"{final}: already exists")
        os.rename(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = {"model_dir": final, "name": name, "version": version, "id": f"{name}@{version}",
              "training_cases": len(set(names)), "training_samples": len(x), "final_loss": round(last_loss, 4),
              "training_seconds": round(seconds, 1), "validation_dice": val, "training_data": manifest["training_data"]}
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
