"""Input meant to break a form or an address: empty, control characters, numbers out of range
or in the wrong form, impossible dates, markup, SQL, paths, very long and unusual Unicode
text. Shared by the fuzz tests (tests/adresser/test_fuzz_adresser.py,
tests/beslut/test_formular_fuzz.py); every value must get a clear answer, never a server
error (docs/regler.md: Behörighet och skyddade personuppgifter)."""

ILLASINNADE = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "1\x00",
    "-1",
    "0",
    "1.5",
    "abc",
    "1e309",
    "NaN",
    "-99999999999999999999999999",
    "99999999999999999999999999",
    "12 345,67 kr",
    str(2**63),
    "2026-02-30",
    "9999-99-99",
    "0000-00-00",
    "2026-13",
    "31/12/2026",
    "19900101-0000",
    "<script>alert(1)</script>",
    "'; DROP TABLE bistand_akt; --",
    "../../etc/passwd",
    "Ö" * 20000,
    "𝔄\u202e\ufeffå\u0301",
    "on",
    "true",
    "[]",
]
