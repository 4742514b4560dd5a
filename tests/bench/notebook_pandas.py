#!/usr/bin/env python3
"""The Sentinel notebook "Guided Hunting - Base64-Encoded Linux Commands", its local logic re-done in pandas.

The benchmark's yardstick for B64Hunt (issue 16), written for this repository from the notebook's description
(shared/reference/seed-notebook.txt): what an analyst runs when the notebook's query result is a file.

  1. read the AUOMS syslog lines; keep AUOMS_EXECVE records whose cmdline mentions base64 (the notebook's query);
  2. extract each line's base64 payload with a regex, decode it, keep text (one payload per line: the longest);
  3. categorise each decoded command by the notebook's five categories (word regexes);
  4. tag GTFOBins binaries and their functions (module/data/gtfobins/index.json, the same GTFOBins data);
  5. extract IoCs with regexes shaped like msticpy's IoCExtract (ipv4, ipv6, dns, url, email, md5, sha1, sha256);
  6. FreqScore per command: (1 / runs in the fleet + 1 / runs on its host) / 2, then sort by it.

Prints one JSON object: counts, logic_seconds (everything after `import pandas`: reading the file included) and
peak_mb (ru_maxrss). Usage: notebook_pandas.py FILE [--gtfobins index.json] [--top N]
"""
import sys
import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import base64  # noqa: E402
import binascii  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402

import pandas as pd  # noqa: E402

IMPORTED = time.perf_counter()

# The notebook's categories: a command falls in every category one of whose words it uses.
CATEGORIES = {
    "Network connections/Downloading": r"\b(?:wget|curl|nc|ncat|netcat|socat|telnet|ssh|scp|sftp|ftp|tftp|rsync)\b|/dev/(?:tcp|udp)/|urllib|socket\.",
    "File manipulation": r"\b(?:chmod|chown|chattr|touch|cp|mv|ln|sed|awk|tee|mkdir|dd|echo|printf)\b",
    "Host enumeration": r"\b(?:uname|hostname|whoami|id|ps|ifconfig|ip a|netstat|ss|lscpu|nproc|free|df|cat /etc/passwd|getent|crontab -l|find)\b|/proc/cpuinfo",
    "File/Process deletion/killing": r"\b(?:rm|shred|unlink|kill|pkill|killall|history -c)\b",
    "Archive/Compression programs": r"\b(?:tar|zip|unzip|gzip|gunzip|bzip2|xz|7z)\b",
}

# msticpy-shaped indicator regexes (IGNORECASE; hashes need a non-hex character or a line end on each side).
IOC_PATTERNS = {
    "ipv4": r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])",
    "ipv6": r"(?<![:\w])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![:\w])",
    "dns": r"\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,12})\b",
    "url": r"\b(?:https?|ftp|stratum\+tcp)://[^\s'\"<>|;)]+",
    "email": r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[a-z0-9-]+\.)+[a-z]{2,12}",
    "md5_hash": r"(?:^|[^a-f0-9])([a-f0-9]{32})(?:$|[^a-f0-9])",
    "sha1_hash": r"(?:^|[^a-f0-9])([a-f0-9]{40})(?:$|[^a-f0-9])",
    "sha256_hash": r"(?:^|[^a-f0-9])([a-f0-9]{64})(?:$|[^a-f0-9])",
}

PREFIX = re.compile(r"^\w{3} [ \d]\d \d\d:\d\d:\d\d (?P<Computer>\S+) ")
AUDIT = re.compile(r"audit\((?P<Seconds>\d+)\.(?P<Millis>\d+):(?P<Serial>\d+)\)")
CMDLINE = re.compile(r" cmdline=\"(?P<CommandLine>.*)\" (?:redactors=|containerid=)")
CANDIDATE = re.compile(r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=_-])")
WORD = re.compile(r"[A-Za-z0-9_.+-]+")


def decode_longest(command_line):
    """The longest candidate in the line that decodes to printable UTF-8 text, or None."""
    best = None
    for token in CANDIDATE.findall(command_line):
        body = token.rstrip("=")
        if len(body) % 4 == 1:
            continue
        try:
            text = base64.b64decode(body + "=" * (-len(body) % 4), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        if len(text) < 4 or not all(c.isprintable() or c in "\t\n\r" for c in text):
            continue
        if best is None or len(text) > len(best):
            best = text
    return best


def load_gtfobins(path):
    with open(path, encoding="utf-8") as f:
        index = json.load(f)
    functions = {name: sorted(entry.get("functions", [])) for name, entry in index["entries"].items()}
    for alias, target in index.get("aliases", {}).items():
        if target in functions and alias not in functions:
            functions[alias] = functions[target]
    return functions


def gtfobins_tags(command, bins):
    """Binaries of the command's words (basenames) that GTFOBins lists, with their functions."""
    tags = {}
    for word in WORD.findall(command):
        name = word.rsplit("/", 1)[-1]
        if name in bins and name not in tags:
            tags[name] = bins[name]
    return tags


def extract_iocs(command):
    found = {}
    for ioc_type, pattern in IOC_PATTERNS.items():
        for match in re.finditer(pattern, command, re.IGNORECASE | re.MULTILINE):
            observable = match.group(1) if match.groups() else match.group(0)
            found.setdefault(observable, ioc_type)
    return [(t, o) for o, t in found.items()]


def hunt(path, gtfobins_path, top):
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = pd.Series(f.read().splitlines(), dtype=object, name="SyslogMessage")
    rows = lines[lines.str.contains("type=AUOMS_EXECVE ", regex=False) & lines.str.contains("base64", regex=False)]
    df = pd.DataFrame({"SyslogMessage": rows})
    df = df.join(df["SyslogMessage"].str.extract(PREFIX)).join(df["SyslogMessage"].str.extract(AUDIT)).join(
        df["SyslogMessage"].str.extract(CMDLINE))
    df = df.dropna(subset=["CommandLine"])
    df["TimeGenerated"] = pd.to_datetime(df["Seconds"].astype("int64") * 1000 + df["Millis"].astype("int64"), unit="ms", utc=True)

    df["DecodedCommand"] = df["CommandLine"].apply(decode_longest)
    df = df.dropna(subset=["DecodedCommand"]).drop(columns=["SyslogMessage"])

    for category, pattern in CATEGORIES.items():
        df[category] = df["DecodedCommand"].str.contains(pattern, regex=True)
    names = list(CATEGORIES)
    df["Categories"] = df[names].apply(lambda r: [n for n, hit in zip(names, r) if hit], axis=1)

    bins = load_gtfobins(gtfobins_path)
    df["GTFOBins"] = df["DecodedCommand"].apply(lambda c: gtfobins_tags(c, bins))
    df["IoCs"] = df["DecodedCommand"].apply(extract_iocs)

    fleet = df.groupby("DecodedCommand")["DecodedCommand"].transform("size")
    host = df.groupby(["DecodedCommand", "Computer"])["DecodedCommand"].transform("size")
    df["FreqScore"] = (1.0 / fleet + 1.0 / host) / 2.0
    ranked = (df.groupby(["DecodedCommand", "Computer"], sort=False)
                .agg(Count=("FreqScore", "size"), FreqScore=("FreqScore", "first"),
                     FirstSeen=("TimeGenerated", "min"), LastSeen=("TimeGenerated", "max"))
                .reset_index().sort_values("FreqScore", ascending=False, kind="stable"))
    return df, ranked.head(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    here = os.path.dirname(os.path.abspath(__file__))
    parser.add_argument("--gtfobins", default=os.path.join(here, "..", "..", "module", "data", "gtfobins", "index.json"))
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    begin = time.perf_counter()
    events, ranked = hunt(args.file, args.gtfobins, args.top)
    logic = time.perf_counter() - begin
    print(json.dumps({
        "events": int(len(events)),
        "distinct_commands": int(events["DecodedCommand"].nunique()),
        "distinct_command_lines": int(events["CommandLine"].nunique()),
        "hosts": int(events["Computer"].nunique()),
        "iocs": int(events["IoCs"].map(len).sum()),
        "tagged": int((events["GTFOBins"].map(len) > 0).sum()),
        "top_command": None if ranked.empty else ranked.iloc[0]["DecodedCommand"],
        "interpreter_and_import_seconds": IMPORTED - STARTED,
        "logic_seconds": logic,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "pandas": pd.__version__,
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
