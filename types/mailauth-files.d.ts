// The server imports mailauth's and nodemailer's files by their full names: Node resolves a
// package's folder ("mailauth/lib/spf") only through require(), and the server loads these
// packages from node_modules (next.config.mjs, serverExternalPackages). Same declarations.
declare module "mailauth/lib/spf/index.js" {
  export * from "mailauth/lib/spf";
}
declare module "mailauth/lib/arc/index.js" {
  export * from "mailauth/lib/arc";
}
declare module "mailauth/lib/dmarc/index.js" {
  export * from "mailauth/lib/dmarc";
}
declare module "mailauth/lib/dkim/verify.js" {
  export * from "mailauth/lib/dkim/verify";
}
declare module "mailauth/lib/parse-received.js" {
  export * from "mailauth/lib/parse-received";
}
declare module "nodemailer/lib/mail-composer/index.js" {
  import MailComposer from "nodemailer/lib/mail-composer";
  export default MailComposer;
}
