package dev.klaxon.nats;

import dev.klaxon.config.ConfigLoader;
import dev.klaxon.config.TlsConfig;
import dev.klaxon.secret.RegularFiles;
import dev.klaxon.secret.SecretRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Builds the TLS context for NATS from PEM files, the format NATS deployments use (jnats 2.26 only reads Java key
 * stores). Certificates go through the JDK; private keys through BouncyCastle's PEM parser, which reads every form
 * openssl writes: PKCS#8, PKCS#1 RSA and SEC1 EC, each plain or encrypted (PKCS#8 PBES2 and the legacy
 * {@code Proc-Type: 4,ENCRYPTED}). BouncyCastle is not registered as a JCA provider.
 * Errors name the setting and file, never a key's content or passphrase.
 */
public final class PemSslContext {

    private static final String KEY_SETTING = "nats.tls.key_file";
    /**
     * For decrypting keys: OpenSSL's key derivations and PBES2 parameters are named as BouncyCastle names them. Passed
     * to the builders, never added to the JVM's providers, so nothing else in the process starts using it.
     */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    /** Protects only an in-memory key store that never leaves this method; it is not a secret. */
    private static final char[] IN_MEMORY_STORE_PASSWORD = "in-memory".toCharArray();

    private PemSslContext() {
    }

    /**
     * A CA file alone verifies the server; a cert and key file add a client certificate. Without a CA file the JDK's
     * default trust store verifies the server. The key passphrase, if any, is read now through {@code environment}.
     */
    public static SSLContext create(TlsConfig tls, UnaryOperator<String> environment) {
        if ((tls.certFile() == null) != (tls.keyFile() == null)) {
            throw new NatsSetupException("nats.tls: cert_file and key_file must be given together");
        }
        try {
            TrustManager[] trust = tls.caFile() == null ? null : trustManagers(tls.caFile());
            KeyManager[] keys = tls.certFile() == null ? null
                    : keyManagers(tls.certFile(), privateKey(tls.keyFile(), tls.keyPassword(), environment));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new NatsSetupException("nats.tls: cannot set up TLS (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static TrustManager[] trustManagers(Path caFile) throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        List<Certificate> authorities = certificates("nats.tls.ca_file", caFile);
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(Path certFile, PrivateKey key) throws GeneralSecurityException, IOException {
        List<Certificate> chain = certificates("nats.tls.cert_file", certFile);
        KeyStore store = emptyStore();
        store.setKeyEntry("client", key, IN_MEMORY_STORE_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_STORE_PASSWORD);
        return factory.getKeyManagers();
    }

    /** The CERTIFICATE blocks of a file, in order (a cert file may carry its chain); other blocks are skipped. */
    private static List<Certificate> certificates(String setting, Path file) {
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 support", e);
        }
        List<Certificate> certificates = new ArrayList<>();
        String text = read(setting, file);
        int blocks = 0;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                blocks++;
                if (block.getType().equals("CERTIFICATE")) {
                    certificates.add(factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
                }
            }
        } catch (CertificateException e) {
            throw new NatsSetupException(setting + " " + file + " holds a certificate that cannot be parsed");
        } catch (IOException | RuntimeException e) {
            throw new NatsSetupException(setting + " " + file + " is not a valid PEM file (" + problem(e) + ")");
        }
        if (blocks == 0) {
            throw new NatsSetupException(setting + " " + file + " is not a PEM file (no -----BEGIN block)");
        }
        if (certificates.isEmpty()) {
            throw new NatsSetupException(setting + " " + file + " holds no CERTIFICATE block");
        }
        return certificates;
    }

    /** The first private key in the file, decrypted with the configured passphrase if it is encrypted. */
    private static PrivateKey privateKey(Path file, SecretRef password, UnaryOperator<String> environment) {
        String text = read(KEY_SETTING, file);
        int blocks = 0;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks++;
                PrivateKeyInfo key = keyInfo(file, block, password, environment);
                if (key != null) {
                    return new JcaPEMKeyConverter().getPrivateKey(key);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof NatsSetupException setup) {
                throw setup;
            }
            throw new NatsSetupException(KEY_SETTING + " " + file + " holds a key that cannot be read ("
                    + problem(e) + ")");
        }
        throw new NatsSetupException(KEY_SETTING + " " + file + (blocks == 0
                ? " is not a PEM file (no -----BEGIN block)" : " holds no PRIVATE KEY block"));
    }

    /** The key in one parsed PEM block; null for a block that is not a private key (a certificate, EC PARAMETERS). */
    private static PrivateKeyInfo keyInfo(Path file, Object block, SecretRef password,
            UnaryOperator<String> environment) throws IOException {
        if (block instanceof PrivateKeyInfo plain) {
            return plain;
        }
        if (block instanceof PEMKeyPair pair) {
            return pair.getPrivateKeyInfo();
        }
        if (block instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            char[] passphrase = passphrase(file, password, environment);
            try {
                return encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(passphrase));
            } catch (PKCSException | OperatorCreationException e) {
                throw wrongPassphrase(file, password);
            }
        }
        if (block instanceof PEMEncryptedKeyPair encrypted) {
            char[] passphrase = passphrase(file, password, environment);
            try {
                return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BOUNCY_CASTLE)
                        .build(passphrase))
                        .getPrivateKeyInfo();
            } catch (IOException | RuntimeException e) {
                throw wrongPassphrase(file, password);
            }
        }
        return null;
    }

    private static char[] passphrase(Path file, SecretRef password, UnaryOperator<String> environment) {
        if (password == null) {
            throw new NatsSetupException(KEY_SETTING + " " + file + " is encrypted: give its passphrase with"
                    + " nats.tls.key_password_file or nats.tls.key_password_env, or write a plain copy with:"
                    + " openssl pkey -in KEY -out KEY.plain (and protect the file)");
        }
        try {
            return password.resolve(environment).toCharArray();
        } catch (SecretRef.SecretUnavailableException e) {
            throw new NatsSetupException(passwordSetting(password) + ": " + e.getMessage());
        }
    }

    private static NatsSetupException wrongPassphrase(Path file, SecretRef password) {
        return new NatsSetupException(KEY_SETTING + " " + file + " cannot be decrypted with the passphrase from "
                + passwordSetting(password) + " (is it the right one?)");
    }

    private static String passwordSetting(SecretRef password) {
        return password.source() == SecretRef.Source.ENV ? "nats.tls.key_password_env" : "nats.tls.key_password_file";
    }

    /** Through RegularFiles, as every file a person names: a FIFO or /dev/zero here must not hang or exhaust. */
    private static String read(String setting, Path file) {
        try {
            return new String(RegularFiles.read(file, ConfigLoader.MAX_FILE_SIZE, "a PEM file"),
                    StandardCharsets.US_ASCII);
        } catch (RegularFiles.RefusedFileException e) {
            throw new NatsSetupException(setting + " " + file + " " + (e.getCause() != null
                    ? "cannot be read (" + e.getCause().getClass().getSimpleName() + ")" : e.getMessage()));
        }
    }

    /** The kind of failure only: a parser's message may quote the file's content. */
    private static String problem(Exception e) {
        return e.getClass().getSimpleName();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }
}
