#!/usr/bin/env python3
"""Add or update UI strings in the three resource files at once, so no language is forgotten.

Usage: tools/strings.py < lines.tsv     (each line: Key<TAB>Kyrgyz<TAB>Russian<TAB>English; \\n for a line break)
       tools/strings.py --list          (keys and their three texts)
Strings.resx holds Kyrgyz (the default culture); Strings.ru.resx and Strings.en.resx follow it key for key.
"""
import sys, os
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(__file__), '..', 'src', 'Events.Core', 'Localization')
FILES = {'ky': 'Strings.resx', 'ru': 'Strings.ru.resx', 'en': 'Strings.en.resx'}

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def load(lang):
    path = os.path.join(ROOT, FILES[lang])
    if not os.path.exists(path):
        return {}
    return {d.get('name'): (d.find('value').text or '') for d in ET.parse(path).getroot().findall('data')}

def save(lang, entries):
    path = os.path.join(ROOT, FILES[lang])
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(HEADER)
        for key in sorted(entries):
            f.write(f'  <data name="{escape(key)}" xml:space="preserve"><value>{escape(entries[key])}</value></data>\n')
        f.write('</root>\n')

def main():
    data = {lang: load(lang) for lang in FILES}
    if '--list' in sys.argv:
        for key in sorted(data['ky']):
            print('\t'.join([key] + [data[l].get(key, '<MISSING>') for l in FILES]))
        return
    for n, line in enumerate(sys.stdin, 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 4 or not all(p.strip() for p in parts):
            sys.exit(f'line {n}: expected Key<TAB>ky<TAB>ru<TAB>en, got: {line!r}')
        key, ky, ru, en = (p.replace('\\n', '\n') for p in parts)  # "\n" in a field is a line break
        data['ky'][key], data['ru'][key], data['en'][key] = ky, ru, en
    for lang in FILES:
        save(lang, data[lang])

if __name__ == '__main__':
    main()
