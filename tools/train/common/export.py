"""TorchScript export, reload check and manifest writing shared by the training scripts."""
import json
import os
import random

import numpy as np
import torch

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def seed_everything(seed, threads=2):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(threads)


def dropout_module_names(model):
    """Names (as in named_modules) of the dropout layers: MC-dropout must switch only these to train mode,
    because BatchNorm in train mode would use batch statistics."""
    return [n for n, m in model.named_modules() if isinstance(m, torch.nn.modules.dropout._DropoutNd)]


def export(model, example, name, manifest):
    """Scripts the model (eval mode), checks the reloaded module matches, writes model.pt + manifest.json."""
    model = model.eval()
    out_dir = os.path.join(REPO, "resources", "models", name)
    os.makedirs(out_dir, exist_ok=True)
    pt_path = os.path.join(out_dir, "model.pt")
    scripted = torch.jit.script(model)
    scripted.save(pt_path)
    reloaded = torch.jit.load(pt_path)
    reloaded.eval()
    with torch.no_grad():
        ref = model(example)
        got = reloaded(example)
    max_diff = float((ref - got).abs().max())
    if max_diff > 1e-5:
        raise RuntimeError(f"{pt_path}: reloaded TorchScript differs from the Python model by {max_diff}")
    if manifest.get("uncertainty", {}).get("method") == "mc-dropout":
        manifest["uncertainty"]["dropout_modules"] = dropout_module_names(model)
        manifest["uncertainty"]["note"] = "set only these modules to train mode; keep BatchNorm in eval mode"
    size = os.path.getsize(pt_path)
    if size >= 5 * 1024 * 1024:
        raise RuntimeError(f"{pt_path}: {size} bytes, over the 5 MB limit")
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"exported {pt_path}: {size / 1024:.0f} KiB, reload max |diff| {max_diff:.2e}, output shape {list(got.shape)}")
    return size
