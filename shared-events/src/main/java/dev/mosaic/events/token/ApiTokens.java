package dev.mosaic.events.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** API tokens: {@code mosaic_pat_} and 43 base62 characters (256 random bits), known to the server by SHA-256 only. */
public final class ApiTokens {
    public static final String PREFIX = "mosaic_pat_";
    public static final String ADMIN = "ADMIN";
    public static final String AUDITOR = "AUDITOR";
    private static final int LENGTH = 43;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern SHAPE = Pattern.compile("^" + PREFIX + "[0-9A-Za-z]{" + LENGTH + "}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    public static String generate() {
        StringBuilder token = new StringBuilder(PREFIX.length() + LENGTH).append(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            token.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return token.toString();
    }

    /** Whether the text has the shape of an API token (not whether such a token exists). */
    public static boolean looksLikeToken(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** The SHA-256 of the token, hex: what events and the token table keep. */
    public static String hash(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    public static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
