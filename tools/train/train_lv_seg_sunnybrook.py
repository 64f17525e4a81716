#!/usr/bin/python3
"""Trains `lv-seg-sunnybrook`: a small 2D U-Net (with dropout, for MC-dropout) that labels a short-axis
cine MRI slice as background / LV blood pool / LV myocardium.

Data: Sunnybrook Cardiac Data expert contours (i-contour = endocardium, o-contour = epicardium).
Split by patient: train on SCD0000101 + SCD0000201, validate on SCD0000301 (never seen in training).
Frames with only an i-contour train the blood pool against "not blood pool" (a partial label).
Input policy: the 256x256 slice is resampled to 128x128 (2x2 area mean), then percentile-normalised
(1st..99th percentile -> 0..1, clipped). Output: logits [B, 3, 128, 128]; the app resamples to the slice.
Run: /usr/bin/python3 tools/train/train_lv_seg_sunnybrook.py   (about 8-11 minutes on one CPU core)
"""
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import sunnybrook as sb
from common.export import export, seed_everything

SEED = 1234
TRAIN_PATIENTS = ["SCD0000101", "SCD0000201"]
VAL_PATIENTS = ["SCD0000301"]
STEPS = 2000
BATCH = 4


def conv_block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class SmallUNet(nn.Module):
    def __init__(self, base=8, classes=3, p_drop=0.2):
        super().__init__()
        c = [base, base * 2, base * 4, base * 8]
        self.enc0 = conv_block(1, c[0])
        self.enc1 = conv_block(c[0], c[1])
        self.enc2 = conv_block(c[1], c[2])
        self.bottom = conv_block(c[2], c[3])
        self.drop = nn.Dropout2d(p_drop)
        self.up2 = nn.ConvTranspose2d(c[3], c[2], 2, stride=2)
        self.dec2 = conv_block(c[2] * 2, c[2])
        self.up1 = nn.ConvTranspose2d(c[2], c[1], 2, stride=2)
        self.dec1 = conv_block(c[1] * 2, c[1])
        self.up0 = nn.ConvTranspose2d(c[1], c[0], 2, stride=2)
        self.dec0 = conv_block(c[0] * 2, c[0])
        self.head = nn.Conv2d(c[0], classes, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        e0 = self.enc0(x)
        e1 = self.enc1(F.max_pool2d(e0, 2))
        e2 = self.enc2(F.max_pool2d(e1, 2))
        b = self.drop(self.bottom(F.max_pool2d(e2, 2)))
        d2 = self.drop(self.dec2(torch.cat([self.up2(b), e2], 1)))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], 1))
        d0 = self.dec0(torch.cat([self.up0(d1), e0], 1))
        return self.head(d0)


def prepare(frames):
    imgs = np.stack([sb.downsample2(sb.percentile_normalise(f["image"])) for f in frames])[:, None]
    labels = np.stack([f["label"] for f in frames]).astype(np.int64)
    full = np.array([f["has_myo"] for f in frames])
    return torch.from_numpy(imgs), torch.from_numpy(labels), torch.from_numpy(full)


def augment(img, lab):
    """Random flips, rotation (any angle), scale 0.85-1.15, shift, gamma. img [B,1,128,128], lab [B,256,256]."""
    b = img.shape[0]
    ang = torch.rand(b) * 2 * math.pi
    scale = 0.85 + 0.3 * torch.rand(b)
    flip = torch.where(torch.rand(b) < 0.5, -1.0, 1.0)
    shift = (torch.rand(b, 2) - 0.5) * 0.2
    cos, sin = torch.cos(ang) / scale, torch.sin(ang) / scale
    theta = torch.zeros(b, 2, 3)
    theta[:, 0, 0] = cos * flip
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * flip
    theta[:, 1, 1] = cos
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta, [b, 1, 128, 128], align_corners=False)
    img = F.grid_sample(img, grid, mode="bilinear", padding_mode="zeros", align_corners=False)
    # Labels: sample the 256 map at the 128 grid (nearest), the same geometry as the image.
    lab = F.grid_sample(lab[:, None].float(), grid, mode="nearest", padding_mode="zeros", align_corners=False)
    gamma = torch.exp((torch.rand(b, 1, 1, 1) - 0.5) * 0.6)
    img = img.clamp(0, 1) ** gamma
    return img, lab[:, 0].long()


def loss_fn(logits, lab, full):
    lp = F.log_softmax(logits, 1)
    blood = lab == 1
    # Full frames: 3-class NLL. Partial frames (no o-contour): blood pool vs "background or myocardium".
    nll_full = -lp.gather(1, lab[:, None])[:, 0]
    not_blood = -torch.logsumexp(torch.stack([lp[:, 0], lp[:, 2]], 1), 1)
    nll_part = torch.where(blood, -lp[:, 1], not_blood)
    nll = torch.where(full[:, None, None], nll_full, nll_part).mean()
    # Soft Dice on the LV classes (blood pool on all frames, myocardium on full frames).
    p = lp.exp()
    dice_terms = []
    for c in (1, 2):
        mask = full if c == 2 else torch.ones_like(full)
        if mask.any():
            pc, tc = p[mask, c], (lab[mask] == c).float()
            inter = (pc * tc).sum((1, 2))
            dice_terms.append(1 - ((2 * inter + 1) / (pc.sum((1, 2)) + tc.sum((1, 2)) + 1)).mean())
    return nll + sum(dice_terms) / len(dice_terms)


def dice(pred, ref, c):
    a, b = pred == c, ref == c
    denom = a.sum() + b.sum()
    return float(2 * (a & b).sum() / denom) if denom > 0 else float("nan")


def evaluate(model, imgs, labs, full):
    """Dice at the original 256x256 grid: logits are bilinearly upsampled to 256 (what the app does)."""
    model.eval()
    with torch.no_grad():
        logits = F.interpolate(model(imgs), size=(256, 256), mode="bilinear", align_corners=False)
    pred = logits.argmax(1).numpy()
    ref = labs.numpy()
    pred_blood_only = np.where(pred == 1, 1, 0)
    d_blood = [dice(pred_blood_only[i], np.where(ref[i] == 1, 1, 0), 1) for i in range(len(ref))]
    d_myo = [dice(pred[i], ref[i], 2) for i in range(len(ref)) if full[i]]
    # Epicardial region = blood pool + myocardium (the whole LV inside the o-contour).
    d_epi = [dice(np.isin(pred[i], [1, 2]).astype(int), np.isin(ref[i], [1, 2]).astype(int), 1)
             for i in range(len(ref)) if full[i]]
    return dict(dice_lv_blood_pool=float(np.mean(d_blood)), dice_lv_myocardium=float(np.mean(d_myo)),
                dice_lv_epicardial_area=float(np.mean(d_epi)), frames_blood_pool=len(d_blood), frames_myocardium=len(d_myo))


def main():
    seed_everything(SEED, threads=1)
    t0 = time.time()
    pats = dict(sb.patients())
    train = [f for p in TRAIN_PATIENTS for f in sb.load_patient(p, pats[p])]
    val = [f for p in VAL_PATIENTS for f in sb.load_patient(p, pats[p])]
    tx, ty, tf = prepare(train)
    vx, vy, vf = prepare(val)
    print(f"train frames {len(train)} ({int(tf.sum())} with myocardium), val frames {len(val)} ({int(vf.sum())} with myocardium)")
    model = SmallUNet()
    print(f"parameters: {sum(p.numel() for p in model.parameters())}")
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=STEPS, pct_start=0.15)
    g = torch.Generator().manual_seed(SEED)
    for step in range(1, STEPS + 1):
        model.train()
        idx = torch.randint(0, len(tx), (BATCH,), generator=g)
        x, y = augment(tx[idx], ty[idx])
        loss = loss_fn(model(x), y, tf[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 250 == 0:
            m = evaluate(model, vx, vy, vf)
            print(f"step {step} loss {loss.item():.4f} val {m} ({time.time() - t0:.0f} s)", flush=True)
    metrics = evaluate(model, vx, vy, vf)
    train_time = time.time() - t0
    print(f"final held-out (SCD0000301) {metrics}; training time {train_time:.0f} s")

    manifest = {
        "name": "lv-seg-sunnybrook",
        "version": "1.0.0",
        "task": "segmentation-2d",
        "file": "model.pt",
        "description": "Demo 2D U-Net (8-64 channels, dropout 0.2) segmenting the left ventricle on one short-axis "
                       "cine MRI slice: background, LV blood pool (inside the endocardium), LV myocardium "
                       "(between endocardium and epicardium). Trained on 36 frames of 2 patients: a demonstration, "
                       "not a clinical tool.",
        "licence": "GPL-3.0-or-later (weights trained on Sunnybrook Cardiac Data, CC0 1.0)",
        "training_data": "Sunnybrook Cardiac Data (Radau et al. 2009) expert contours, HF-I patients. Train: SCD0000101 "
                         "(SC-HF-I-1) + SCD0000201 (SC-HF-I-2), 36 frames, 18 with epicardium. Validation (held-out "
                         "patient): SCD0000301 (SC-HF-I-4), 20 frames, 10 with epicardium. Augmentation: flips, "
                         "rotations, scale, shift, gamma.",
        "metrics": {k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()}
                   | {"validation": "held-out patient SCD0000301, Dice at 256x256 after bilinear upsampling of logits",
                      "training_seconds": round(train_time)},
        "input": {
            "dtype": "float32",
            "shape": [-1, 1, 128, 128],
            "channels": 1,
            "size": [128, 128],
            "modality": "MR",
            "resample": "percentile normalisation on the original slice first, then the whole slice resampled to "
                        "128x128 (area/2x2 mean for a 256x256 slice); no crop",
            "normalisation": {"method": "percentile", "low": 1, "high": 99, "clip": [0, 1]},
        },
        "output": {
            "activation": "softmax",
            "labels": [
                {"index": 0, "name": "Background", "code": "background"},
                {"index": 1, "name": "LV blood pool", "code": "lv_blood_pool"},
                {"index": 2, "name": "LV myocardium", "code": "lv_myocardium"},
            ],
        },
        "uncertainty": {"method": "mc-dropout", "passes": 10},
    }
    export(model, vx[:2], "lv-seg-sunnybrook", manifest)


if __name__ == "__main__":
    main()
