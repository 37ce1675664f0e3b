#!/bin/bash
# usage: vv-bench.sh PORT N — medians (ms) of audio_query, synthesis (from that query), and /synthesize of the same text
P=$1; N=$2; T='こんにちは、今日はいい天気ですね。明日も晴れるといいですね。'
S=2047923872
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
curl -s -X POST "localhost:$P/audio_query?speaker=$S" --data-urlencode "text=$T" -G -o /tmp/q.json -X POST
for i in $(seq $N); do curl -s -o /dev/null -w '%{time_total}\n' -X POST -G "localhost:$P/audio_query" --data-urlencode "text=$T" -d speaker=$S; done | awk '{print $1*1000}' | med | sed 's/^/audio_query ms: /'
for i in $(seq $N); do curl -s -o /dev/null -w '%{time_total}\n' -X POST "localhost:$P/synthesis?speaker=$S" -H 'Content-Type: application/json' --data-binary @/tmp/q.json; done | awk '{print $1*1000}' | med | sed 's/^/synthesis ms: /'
for i in $(seq $N); do curl -s -o /dev/null -w '%{time_total}\n' -X POST "localhost:$P/synthesize" -H 'Content-Type: application/json' -d "{\"text\":\"$T\",\"model\":\"tiny\",\"speaker\":\"tiny-a\",\"auto_split\":false}"; done | awk '{print $1*1000}' | med | sed 's/^/synthesize ms: /'
