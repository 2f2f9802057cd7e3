"""Time `mkdocs build --quiet` of the three variants, interleaved so load hits all alike."""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .synth import ROOT

OUT = ROOT / "bench" / "out"
MQ_VENV = OUT / "venv-mkdocs-quiz"
# Every timed build is a first build: a new process, an empty site folder, and nothing kept between
# builds but the compiled schema validator (quizkit/bank/compiled_schema.py, made once per installed package).
PINS = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown")


SCRATCH_NEEDS = 2 * 1024**3  # the four sites of the 2,000-page course, with room to spare


def scratch_folder() -> Path | None:
    """Where the timed builds write their sites: a RAM-backed folder when the machine has one.

    On this VM's ext4 disk the kernel's share of a build grew from build to build (0.10 -> 0.27 s of system
    time for the same 200-page plain build, eight builds in a row; 0.04 s steady on tmpfs), and it grows
    with the bytes written: that noise, not the build's own work, decided the ratios. `BENCH_SCRATCH=`
    (empty) writes next to the course instead."""
    folder = Path(os.environ.get("BENCH_SCRATCH", "/dev/shm"))
    if str(folder) == "." or not folder.is_dir() or not os.access(folder, os.W_OK):
        return None
    if shutil.disk_usage(folder).free < SCRATCH_NEEDS:  # a container's default /dev/shm is 64 MB
        return None
    return folder / f"quizkit-bench-{os.getpid()}"


def _pins() -> list[str]:
    wanted = {p.lower() for p in PINS}
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return [ln.strip() for ln in lines if "==" in ln and ln.split("==")[0].strip().lower() in wanted]


def ensure_mkdocs_quiz(log) -> tuple[Path | None, str]:
    """A separate virtualenv with mkdocs-quiz and our pinned mkdocs/Material; (mkdocs path, version) or (None, reason)."""
    mkdocs = MQ_VENV / "bin" / "mkdocs"
    py = MQ_VENV / "bin" / "python"
    if not mkdocs.exists():
        log(f"  creating {MQ_VENV.relative_to(ROOT)} (mkdocs-quiz + {', '.join(_pins())}) …")
        try:
            subprocess.run([sys.executable, "-m", "venv", str(MQ_VENV)], check=True)
            subprocess.run([str(py), "-m", "pip", "install", "--quiet", "mkdocs-quiz", *_pins()], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        except subprocess.CalledProcessError as exc:
            return None, f"pip install failed: {(exc.stderr or '')[-300:]}"
    r = subprocess.run([str(py), "-c", "import importlib.metadata as m; print(m.version('mkdocs-quiz'), m.version('mkdocs'), m.version('mkdocs-material'))"],
                       capture_output=True, text=True)
    if r.returncode:
        return None, "mkdocs-quiz venv is broken: " + r.stderr[-200:]
    mq, mk, mat = r.stdout.split()
    return mkdocs, f"mkdocs-quiz {mq} (mkdocs {mk}, material {mat})"


def build_once(mkdocs: list[str], config: Path, site: Path) -> tuple[float, float, float]:
    """(wall seconds, child CPU seconds, of which system) of one quiet build; raises on failure."""
    config, site = config.resolve(), site.resolve()
    if site.exists():
        shutil.rmtree(site)
    # This checkout's quizkit, whatever the virtualenv has installed (a git worktree shares one .venv).
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([*mkdocs, "build", "--quiet", "-f", str(config), "-d", str(site)],
                       capture_output=True, text=True, env=env, cwd=config.parent)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode:
        raise RuntimeError(f"build of {config.name} failed:\n{r.stderr[-2000:]}")
    system = after.ru_stime - before.ru_stime
    return wall, (after.ru_utime - before.ru_utime) + system, system


def compile_bytecode() -> None:
    """Write this checkout's quizkit bytecode, as pip does for every package it installs (Material's included).

    An editable install is not compiled at install time, and with PYTHONDONTWRITEBYTECODE set (as on
    some CI machines) Python would compile every quizkit module from source in every timed build
    (~30 ms here), a cost no installed plugin pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "quizkit")], check=True)


def time_variants(course: Path, variants: dict[str, list[str]], runs: int, log, warmup: bool = True) -> dict:
    """Median wall and CPU seconds per variant over `runs` rounds (optionally one warm-up round first, not counted)."""
    compile_bytecode()
    walls: dict[str, list[float]] = {v: [] for v in variants}
    cpus: dict[str, list[float]] = {v: [] for v in variants}
    systems: dict[str, list[float]] = {v: [] for v in variants}
    scratch = scratch_folder()
    sites = scratch or course
    try:
        for rnd in range(0 if warmup else 1, runs + 1):
            for name, cmd in variants.items():
                wall, cpu, system = build_once(cmd, course / f"mkdocs-{name}.yml", sites / f"site-{name}")
                tag = "warm-up" if rnd == 0 else f"run {rnd}/{runs}"
                log(f"    {name:9s} {tag:8s} {wall:7.2f} s wall  {cpu:7.2f} s cpu ({system:4.2f} system)"
                    f"  (load {os.getloadavg()[0]:.2f})")
                if rnd:
                    walls[name].append(wall)
                    cpus[name].append(cpu)
                    systems[name].append(system)
        if scratch:  # the later steps (page weight, Lighthouse) read the sites beside their course
            for name in variants:
                shutil.rmtree(course / f"site-{name}", ignore_errors=True)
                shutil.move(str(scratch / f"site-{name}"), str(course / f"site-{name}"))
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return {v: {"wall_s": walls[v], "cpu_s": cpus[v], "system_s": systems[v], "median_wall_s": statistics.median(walls[v]),
                "median_cpu_s": statistics.median(cpus[v]), "median_system_s": statistics.median(systems[v]),
                "sites_in": "RAM (tmpfs)" if scratch else "the course folder"} for v in variants}
