package dev.luna.tts.text.normalize;

import dev.luna.tts.text.G2pException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code num2words(s, lang="ja")} (num2words 0.5.x, {@code Num2Word_JA}) writes for a string
 * {@code s} matching {@code [0-9]+(\.[0-9]+)?}, including its arithmetic quirks:
 * <ul>
 *   <li>{@code s} becomes a {@code Decimal}; an integral value (also "5.0") takes the integer path,
 *       whose remainders are rounded to the decimal context's 28 significant digits;</li>
 *   <li>anything else goes through a Python {@code float}: integer part {@code int(f)}, and as many
 *       decimals as {@code repr(f)}'s exponent says, read digit by digit after 点 (0 → 零);</li>
 *   <li>values of 10<sup>51</sup> or more raise OverflowError, and so do decimals whose float is
 *       infinite (integer part ≥ 2<sup>1024</sup>) or whose repr exponent is below −308.</li>
 * </ul>
 * Where num2words raises, SBV2 2.7's {@code normalize_text} fails on the whole text (HTTP 500 in
 * its server). Here such a number is read digit by digit instead, so no number refuses a text.
 * Kanji digits would not do: OpenJTalk's set_digit reads a run of numerals such as 九九九 as one
 * number again (九百九十九) and, past its 10^68 place table, leaves inserted place nodes that the
 * g2p cannot align. So the digits are written in katakana, as set_digit's own digit-by-digit
 * reading pronounces them (a run with a leading zero, e.g. ０１２: ゼロ イチ ニー; 2 and 5 take
 * their two-mora forms ニー, ゴー), and the decimal point as テン, as set_digit reads it.
 */
public final class JapaneseNumberWords {

    private static final MathContext DECIMAL_CONTEXT = new MathContext(28, RoundingMode.HALF_EVEN);
    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    /** set_digit's non-numerical reading of 0–9 (njd_set_digit.h: ゼロ, ニー and ゴー after a digit). */
    private static final String[] DIGIT_KANA = {"ゼロ", "イチ", "ニー", "サン", "ヨン", "ゴー", "ロク", "ナナ", "ハチ", "キュー"};
    private static final String[] MYRIADS = {"万", "億", "兆", "京", "垓", "秭", "穣", "溝", "澗", "正", "載", "極"};
    private static final BigDecimal MAXVAL = BigDecimal.TEN.pow(51);
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    /** num2words' cards in iteration order: 10^48 … 10^4, 1000, 100, 10, 9 … 0. */
    private static final List<Card> CARDS = new ArrayList<>();

    static {
        for (int k = MYRIADS.length; k >= 1; k--) {
            CARDS.add(new Card(BigDecimal.TEN.pow(4 * k), MYRIADS[k - 1]));
        }
        CARDS.add(new Card(BigDecimal.valueOf(1000), "千"));
        CARDS.add(new Card(BigDecimal.valueOf(100), "百"));
        CARDS.add(new Card(BigDecimal.TEN, "十"));
        for (int d = 9; d >= 0; d--) {
            CARDS.add(new Card(BigDecimal.valueOf(d), DIGITS[d]));
        }
    }

    private record Card(BigDecimal value, String text) {
    }

    private record Pair(String text, BigDecimal num) {
    }

    private JapaneseNumberWords() {
    }

    /** num2words' reading of {@code digits} ({@code [0-9]+(\.[0-9]+)?}), or digit by digit where it has none. */
    public static String cardinal(String digits) {
        try {
            return num2words(digits);
        } catch (G2pException refused) {
            return digitByDigit(digits);
        }
    }

    /** Each digit in katakana as OpenJTalk reads a digit-by-digit run, '.' as テン. */
    static String digitByDigit(String digits) {
        StringBuilder out = new StringBuilder(digits.length() * 3);
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            out.append(c == '.' ? "テン" : DIGIT_KANA[c - '0']);
        }
        return out.toString();
    }

    /** Exactly {@code num2words(digits, lang="ja")}; {@link G2pException} where num2words raises. */
    static String num2words(String digits) {
        BigDecimal value = new BigDecimal(digits);
        if (value.compareTo(new BigDecimal(value.toBigInteger())) == 0) {
            return integer(value, DECIMAL_CONTEXT);
        }
        return fraction(value);
    }

    private static String integer(BigDecimal value, MathContext mc) {
        if (value.compareTo(MAXVAL) >= 0) {
            throw new G2pException("number too large for num2words: abs(" + value.toPlainString()
                    + ") must be less than 10^51");
        }
        return split(value, mc).text();
    }

    /** splitnum + clean + merge, folded: the largest card ≤ value times its multiplier, plus the rest. */
    private static Pair split(BigDecimal value, MathContext mc) {
        for (Card card : CARDS) {
            if (card.value().compareTo(value) > 0) {
                continue;
            }
            BigDecimal div;
            BigDecimal mod;
            if (value.signum() == 0) {
                div = BigDecimal.ONE;
                mod = BigDecimal.ZERO;
            } else {
                BigDecimal[] dm = value.divideAndRemainder(card.value());
                div = dm[0];
                mod = mc == null ? dm[1] : dm[1].round(mc);
            }
            Pair head = div.compareTo(BigDecimal.ONE) == 0
                    ? new Pair(DIGITS[1], BigDecimal.ONE) : split(div, mc);
            Pair result = merge(head, new Pair(card.text(), card.value()), mc);
            if (mod.signum() != 0) {
                result = merge(result, split(mod, mc), mc);
            }
            return result;
        }
        throw new IllegalStateException("no card for " + value);
    }

    private static Pair merge(Pair l, Pair r, MathContext mc) {
        int cmp = l.num().compareTo(r.num());
        if (l.num().compareTo(BigDecimal.ONE) == 0 && r.num().compareTo(TEN_THOUSAND) < 0) {
            return r;
        } else if (cmp > 0) {
            return new Pair(l.text() + r.text(), round(l.num().add(r.num()), mc));
        } else if (cmp < 0) {
            return new Pair(l.text() + r.text(), round(l.num().multiply(r.num()), mc));
        }
        // num2words' merge returns None here and clean() then fails on it
        throw new G2pException("num2words cannot merge equal parts " + l.text() + " and " + r.text());
    }

    private static BigDecimal round(BigDecimal v, MathContext mc) {
        return mc == null ? v : v.round(mc);
    }

    /** to_cardinal_float: Python float arithmetic, precision from repr(float). */
    private static String fraction(BigDecimal value) {
        double f = value.doubleValue();
        if (Double.isInfinite(f)) {
            throw new G2pException("number too large for num2words: cannot convert float infinity to integer");
        }
        BigInteger pre = new BigDecimal(f).toBigInteger();
        int precision = Math.abs(reprExponent(f));
        if (precision > 308) {
            throw new G2pException("number too small for num2words: int too large to convert to float");
        }
        double scaled = Math.abs(f - pre.doubleValue()) * Double.parseDouble("1e" + precision);
        double rounded = Math.rint(scaled);
        BigInteger post = Math.abs(rounded - scaled) < 0.01
                ? new BigDecimal(rounded).toBigInteger()
                : new BigDecimal(Math.floor(scaled)).toBigInteger();
        String postDigits = post.toString();
        if (postDigits.length() < precision) {
            postDigits = "0".repeat(precision - postDigits.length()) + postDigits;
        }
        StringBuilder out = new StringBuilder(integer(new BigDecimal(pre), null));
        if (precision != 0) {
            out.append('点');
        }
        for (int i = 0; i < precision; i++) {
            out.append(DIGITS[postDigits.charAt(i) - '0']);
        }
        return out.toString();
    }

    /** The exponent of {@code Decimal(repr(f)).as_tuple()} for a finite non-negative double. */
    static int reprExponent(double f) {
        if (f == 0) {
            return -1; // "0.0"
        }
        BigDecimal shortest = new BigDecimal(Double.toString(f)).stripTrailingZeros();
        int n = shortest.unscaledValue().toString().length();
        int decpt = n - shortest.scale(); // value = 0.d1…dn × 10^decpt
        if (decpt > -4 && decpt <= 16) { // repr writes fixed notation
            if (decpt >= n) {
                return -1; // "123.0"
            }
            return -(n - decpt);
        }
        return decpt - n; // "d.ddde±X": X − (n − 1)
    }
}
