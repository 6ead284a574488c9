/** Why a step cannot be left yet, announced when it appears. */
export function StepProblem({ text }: { text?: string | undefined }) {
  return text ? (
    <p className="field-error" role="alert">
      {text}
    </p>
  ) : null;
}
