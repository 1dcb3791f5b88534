// The Domain step edits a setup with the same form that creates one: the same messages.
export { default } from "@/app/setups/new/layout";
