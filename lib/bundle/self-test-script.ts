/**
 * The self-test install.sh runs (with Debian's python3, python3-dkim and
 * python3-nacl): real SMTP and IMAP clients from the standard library, each
 * step proving what it names. Arguments come in the environment:
 * PW_ADDRESS/PW_PASSWORD (a throwaway mailbox), PW_MAILDIR, PW_ZONE (the
 * bundle's zone file), PW_ORIGIN, PW_CERT, PW_SMTP/PW_SUBMISSION/PW_SUBMISSIONS/PW_IMAPS.
 * Exit status 0 when every step passed; the first failure is printed and ends it.
 */
export const SELF_TEST_PY = String.raw`
import email.utils, glob, imaplib, os, re, smtplib, socket, ssl, sys, time
import dkim

env = os.environ
HOST = "127.0.0.1"
address, password, origin = env["PW_ADDRESS"], env["PW_PASSWORD"], env["PW_ORIGIN"].rstrip(".")
token = "postwright-selftest-" + os.urandom(6).hex()

def fail(what):
    print("Self-test failed: " + what, file=sys.stderr)
    sys.exit(1)

started = time.time()
def ok(what):
    print("  ok   %-72s %5.1f s" % (what, time.time() - started))

def tls_context():
    # The chain is checked below against the installed certificate, not against a CA:
    # a fresh certificate from a private or staging CA is still the right one.
    c = ssl.create_default_context()
    c.check_hostname = False
    c.verify_mode = ssl.CERT_NONE
    return c

installed = ssl.PEM_cert_to_DER_cert(open(env["PW_CERT"]).read().split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n")

def same_certificate(sock, where):
    if sock.getpeercert(binary_form=True) != installed:
        fail(where + " presents another certificate than " + env["PW_CERT"])

def wait_port(port, deadline=15):
    end = time.time() + deadline
    while True:
        try:
            socket.create_connection((HOST, port), timeout=2).close()
            return
        except OSError as e:
            if time.time() > end:
                fail("nothing answers on port %d (%s)" % (port, e))
            time.sleep(0.2)

for p in (env["PW_SMTP"], env["PW_SUBMISSION"], env["PW_SUBMISSIONS"], env["PW_IMAPS"]):
    wait_port(int(p))
ok("ports %s, %s, %s and %s accept connections" % (env["PW_SMTP"], env["PW_SUBMISSION"], env["PW_SUBMISSIONS"], env["PW_IMAPS"]))

def ehlo(smtp, where):
    code, _ = smtp.ehlo("selftest.invalid")
    if code != 250:
        fail("%s answers EHLO with %d" % (where, code))

try:
    s = smtplib.SMTP(HOST, int(env["PW_SMTP"]), timeout=20)
    ehlo(s, "port 25")
    if s.has_extn("auth"):
        fail("port 25 offers AUTH: %s" % s.esmtp_features.get("auth"))
    if not s.has_extn("starttls"):
        fail("port 25 does not offer STARTTLS")
    s.starttls(context=tls_context())
    same_certificate(s.sock, "port 25")
    s.quit()
except smtplib.SMTPException as e:
    fail("port 25: %r" % e)
ok("port 25 answers EHLO, offers STARTTLS and no AUTH")

try:
    s = smtplib.SMTP(HOST, int(env["PW_SUBMISSION"]), timeout=20)
    ehlo(s, "port 587")
    if s.has_extn("auth"):
        fail("port 587 offers AUTH before STARTTLS: %s" % s.esmtp_features.get("auth"))
    if not s.has_extn("starttls"):
        fail("port 587 does not offer STARTTLS")
    s.starttls(context=tls_context())
    same_certificate(s.sock, "port 587")
    ehlo(s, "port 587 after STARTTLS")
    if not s.has_extn("auth"):
        fail("port 587 does not offer AUTH after STARTTLS")
    ok("port 587 offers AUTH only after STARTTLS")
    s.login(address, password)
    msg = "\r\n".join([
        "From: <%s>" % address,
        "To: <%s>" % address,
        "Subject: " + token,
        "Date: " + email.utils.formatdate(),
        "Message-ID: <%s@%s>" % (token, origin),
        "",
        "Postwright self-test message; it is deleted after the test.",
        "",
    ])
    refused = s.sendmail(address, [address], msg)
    if refused:
        fail("port 587 refused the recipient: %r" % refused)
    s.quit()
except smtplib.SMTPException as e:
    fail("submission on 587: %r" % e)
ok("port 587 took a message after AUTH")

try:
    s = smtplib.SMTP_SSL(HOST, int(env["PW_SUBMISSIONS"]), timeout=20, context=tls_context())
    same_certificate(s.sock, "port 465")
    ehlo(s, "port 465")
    if not s.has_extn("auth"):
        fail("port 465 does not offer AUTH")
    s.login(address, password)
    s.quit()
except smtplib.SMTPException as e:
    fail("submission on 465: %r" % e)
ok("port 465 answers with TLS and accepts the login")

def delivered():
    for f in glob.glob(os.path.join(env["PW_MAILDIR"], "new", "*")) + glob.glob(os.path.join(env["PW_MAILDIR"], "cur", "*")):
        data = open(f, "rb").read()
        if token.encode() in data:
            return data
    return None

end = time.time() + 30
message = delivered()
while message is None and time.time() < end:
    time.sleep(0.2)
    message = delivered()
if message is None:
    fail("the message submitted on 587 did not reach %s within 30 s (see the mail log)" % env["PW_MAILDIR"])
ok("the message landed in " + env["PW_MAILDIR"])

def zone_txt(path, origin):
    records, text = {}, open(path, encoding="utf-8").read()
    current = origin + "."
    for m in re.finditer(r'^([^\s;$]\S*)\s+(?:\d+\s+)?IN\s+TXT\s+(\([^)]*\)|"(?:[^"\\]|\\.)*")', text, re.M):
        name = m.group(1)
        name = name if name.endswith(".") else (current if name == "@" else name + "." + current)
        value = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
        records[name.lower()] = re.sub(r'\\(.)', r'\1', value).encode()
    return records

txt = zone_txt(env["PW_ZONE"], origin)
def from_zone(name, timeout=5):
    n = (name.decode() if isinstance(name, bytes) else name).lower()
    return txt.get(n if n.endswith(".") else n + ".")

count = len(re.findall(rb"^DKIM-Signature:", message, re.M | re.I))
selectors = sorted(n for n in txt if "._domainkey." in n)
if count == 0:
    fail("the delivered message carries no DKIM-Signature")
if count < len(selectors):
    fail("the message carries %d DKIM signatures, the zone publishes %d keys" % (count, len(selectors)))
d = dkim.DKIM(message)
for i in range(count):
    if not d.verify(idx=i, dnsfunc=from_zone):
        fail("DKIM signature %d does not verify against %s" % (i + 1, env["PW_ZONE"]))
ok("%d DKIM signature(s) verify against the keys of %s" % (count, os.path.basename(env["PW_ZONE"])))

try:
    c = imaplib.IMAP4_SSL(HOST, int(env["PW_IMAPS"]), ssl_context=tls_context(), timeout=20)
    if not c.welcome.startswith(b"* OK"):
        fail("IMAPS greeting: %r" % c.welcome)
    same_certificate(c.sock, "port 993")
    c.login(address, password)
    c.select("INBOX")
    typ, found = c.search(None, "SUBJECT", token)
    if typ != "OK" or not found[0].split():
        fail("IMAPS: the message is not in the INBOX")
    c.logout()
except (imaplib.IMAP4.error, OSError) as e:
    fail("IMAPS on 993: %r" % e)
ok("IMAPS greets, logs in and finds the message")
`;
