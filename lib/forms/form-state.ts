/** What every server action returns to its form (style.md §8). */
export interface FormState {
  /** field path → message keys in the "errors" namespace */
  errors?: Record<string, string[]>;
  /** a message key in the form's own namespace, shown above the form */
  message?: string;
  /** parameters for `message` */
  params?: Record<string, string | number>;
  ok?: boolean;
  /** what the user typed, to show again after a refusal (never passwords) */
  values?: Record<string, unknown>;
}

export const initialFormState: FormState = {};
