import { aaaaCheck, aCheck } from "./address-record";
import { caaCheck } from "./caa";
import { cgnatCheck } from "./cgnat";
import type { Check } from "./check";
import { dkimCheck } from "./dkim";
import { dmarcCheck } from "./dmarc";
import { dnsblCheck } from "./dnsbl";
import { dnssecCheck } from "./dnssec";
import { dynamicIpCheck } from "./dynamic-ip";
import { mtaStsCheck } from "./mta-sts";
import { mxCheck } from "./mx";
import { networkCheck } from "./network";
import { nsCheck } from "./ns";
import { port25OutboundCheck } from "./port25-outbound";
import { ptrCheck } from "./ptr";
import { publicIpCheck } from "./public-ip";
import { smtpTlsCheck } from "./smtp-tls";
import { spfCheck } from "./spf";
import { srvCheck } from "./srv";
import { tlsaCheck } from "./tlsa";
import { tlsRptCheck } from "./tls-rpt";

/** Every check, in the order the page and the CLI list them. */
export const allChecks: Check[] = [
  networkCheck,
  publicIpCheck,
  cgnatCheck,
  port25OutboundCheck,
  nsCheck,
  aCheck,
  aaaaCheck,
  mxCheck,
  ptrCheck,
  spfCheck,
  dkimCheck,
  dmarcCheck,
  mtaStsCheck,
  tlsRptCheck,
  caaCheck,
  srvCheck,
  dnssecCheck,
  tlsaCheck,
  dnsblCheck,
  dynamicIpCheck,
  smtpTlsCheck,
];
