package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Known vectors, none produced by the code under test. Password {@code Mallard-p4ss} unless the
 * row says otherwise. Generated with:
 * <ul>
 * <li>{@code openssl passwd -6 -salt saltsaltsalt Mallard-p4ss} (and {@code -5}; {@code -6 -salt 'rounds=5000$abc' x})
 * <li>{@code python3 -c "import crypt; print(crypt.crypt('Mallard-p4ss', '$2b$04$abcdefghijklmnopqrstuu'))"}
 *     (libxcrypt; same for {@code $2a$}, {@code $2y$}, {@code $6$rounds=10000$QuackQuack$}, {@code $1$quackqua$})
 * <li>{@code hashlib.pbkdf2_hmac(digest, b'Mallard-p4ss', b'0123456789abcdef', 1000)} written in
 *     passlib's ab64 form ({@code $pbkdf2-sha512$1000$salt$hash}) and in @phc/pbkdf2's form
 *     ({@code $pbkdf2-sha256$i=1000$...})
 * <li>the OpenWall crypt_blowfish test vector {@code U*U}, and passlib's documented pbkdf2_sha256 example
 * </ul>
 */
class ImportedHashVerifierTest {

    private final ImportedHashVerifier verifier = new ImportedHashVerifier(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sha512-crypt         | Mallard-p4ss | $6$saltsaltsalt$CDU5H64saEVKN.ZCCe7btQpcYxf3IHVnma0uijvf6BQz.KrWkItV2oDst2d8bm8XkKCj4MwizLx8kSVmjZn2y0
            sha512-crypt rounds  | Mallard-p4ss | $6$rounds=10000$QuackQuack$2SpnjsDONio6BRiO3TQeU1KWykX9yLo2JDbNgnmLmyQk3Dau7vqedNiWb2jDZsSjshgeOQaj4nhViXSoLw26G/
            sha512-crypt 5000    | x            | $6$rounds=5000$abc$K4v3HcZ8yAmpRfxML6S46NCcqy9r4/KdbQpFvqSWsBf4dgySOEOo1DHJTrmn2BsJK2aNmPN8Tfb826D2o9.z51
            sha256-crypt         | Mallard-p4ss | $5$saltsaltsalt$FgTSH.h1wwlbUdb8tFgjicV/DINUoIGqtymy2EXn/c/
            bcrypt 2a            | Mallard-p4ss | $2a$04$abcdefghijklmnopqrstuuvyvKgUKi8FXjEewSUCeQxDbz4ZPAwPO
            bcrypt 2b            | Mallard-p4ss | $2b$04$abcdefghijklmnopqrstuuvyvKgUKi8FXjEewSUCeQxDbz4ZPAwPO
            bcrypt 2y            | Mallard-p4ss | $2y$04$abcdefghijklmnopqrstuuvyvKgUKi8FXjEewSUCeQxDbz4ZPAwPO
            bcrypt openwall      | U*U          | $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW
            md5-crypt            | Mallard-p4ss | $1$quackqua$u0KDvjTUdKCN/YpWRBtp4/
            pbkdf2-sha512 ab64   | Mallard-p4ss | $pbkdf2-sha512$1000$MDEyMzQ1Njc4OWFiY2RlZg$J6VjH3XGRigPRfL9tytsuRnS9oaZ8gT7evIaKqay66/rga7VpcpcHb/dbdBIasnTHe3baenhRHVQGRsDcPrXKQ
            pbkdf2-sha256 ab64   | Mallard-p4ss | $pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg$zdLCRIla6l65b9H.1T1NIC4NlvED6M5oaDKlv0OUAWk
            pbkdf2-sha1 ab64     | Mallard-p4ss | $pbkdf2$1000$MDEyMzQ1Njc4OWFiY2RlZg$wsBJUoEa53ih6MtPwxWQQ9YCX7I
            pbkdf2-sha256 phc    | Mallard-p4ss | $pbkdf2-sha256$i=1000$MDEyMzQ1Njc4OWFiY2RlZg$zdLCRIla6l65b9H+1T1NIC4NlvED6M5oaDKlv0OUAWk
            passlib doc example  | password     | $pbkdf2-sha256$6400$0ZrzXitFSGltTQnBWOsdAw$Y11AchqV4b0sUisdZd0Xr97KWoymNE0LNNrnEgY4H9M
            """)
    void verifiesKnownVectorAndRejectsAWrongPassword(String format, String password, String hash) {
        assertThat(verifier.matches(password, hash)).as("right password").isTrue();
        assertThat(verifier.matches(password + "!", hash)).as("wrong password").isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            plain text
            $pbkdf2-sha512$notanumber$MDEy$J6Vj
            $pbkdf2-md5$1000$MDEy$J6Vj
            $pbkdf2-sha256$99999999$MDEy$J6Vj
            $2a$04$short
            $6$
            $9$unknown$scheme
            """)
    void malformedOrUnknownHashesNeverMatch(String hash) {
        assertThat(verifier.matches("anything", hash)).isFalse();
    }
}
