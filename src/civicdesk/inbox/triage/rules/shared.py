"""Rules for every language: emoji, question marks, links and the shapes of identity numbers."""

RULES: dict[str, tuple[str, ...]] = {
    "praise": (
        "❤",
        "♥",
        "💙",
        "💚",
        "💛",
        "🧡",
        "💜",
        "👏",
        "👍",
        "😍",
        "🥰",
        "🙏",
        "🌟",
        "⭐",
        "🎉",
        "🙌",
        "💐",
        "🌸",
        "😊",
    ),
    "negative": ("😡", "👎", "🤮", "😤", "🙄", "😠"),
    "question": ("?", "？", "¿"),
    "offensive": (
        "!fuck*",
        "!wtf",
        "!motherf*",
        "!🖕",
        "!🤬",
    ),
    "confidential": (
        # Swedish personnummer with century (12 digits), or 10 with the usual separator; Danish
        # CPR (DDMMYY-NNNN) has the same shape. Phone numbers are grouped differently.
        r"!re(personnummer, 12 digits):(?:19|20)(?<!\d\d\d)\d{6}[-+ ]?\d{4}(?!\d)",
        r"!re(personnummer or CPR):\d(?<![\d-]\d)\d{5}[-+]\d{4}(?!\d)",
        # Norwegian fødselsnummer: DDMMYY and five digits.
        r"!re(fødselsnummer):[0-3](?<!\d[0-3])\d[01]\d\d\d ?\d{5}(?!\d)",
    ),
    "spam": (
        r"re(link):https?://\S+|www\.\S+",
        "!bitcoin*",
        "!btc",
        "!crypto*",
        "!forex",
        "!onlyfans",
        "!casino*",
        "!sugar daddy",
        "!usdt",
        "!nft*",
        "!💰",
        "!💸",
        "!🤑",
        "!whatsapp +*",
        "!telegram @*",
    ),
}


def party_word(word: str, before: str, after: str) -> str:
    """A rule for a party named with an everyday word (Norwegian "Venstre", "Høyre").

    It does not fire after a preposition ("til venstre", "on the left") nor before a noun the
    word describes ("venstre side"): `before` and `after` are space-separated words.
    """
    behind = "".join(f"(?<!{p} {word})" for p in before.split())
    ahead = "|".join(f" {noun}" for noun in after.split())
    return rf"re({word.capitalize()}, the party):\b{word}{behind}(?!\w)(?!{ahead})"
