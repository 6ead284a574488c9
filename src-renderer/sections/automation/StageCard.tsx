import { useTranslation } from 'react-i18next';
import type { Rule, Trigger } from '../../../src-shared/automation/automation';
import type { Stage } from '../../../src-shared/documents/stages';
import { stageName } from '../board/format';
import { EntryRow } from './EntryRow';
import { actionSummary, conditionSummary, ruleTitle, timingSummary, triggerTitle, type Names } from './labels';

export type EntryCommand = { kind: 'rule'; entry: Rule } | { kind: 'trigger'; entry: Trigger };

interface StageCardProps {
  stage: Stage;
  triggers: readonly Trigger[];
  rules: readonly Rule[];
  names: Names;
  onAdd(kind: 'rule' | 'trigger', stage: Stage): void;
  onEdit(command: EntryCommand): void;
  onToggle(command: EntryCommand): void;
  onDelete(command: EntryCommand): void;
}

/** One stage: the triggers that move documents into it, and the rules that run, in order, when one enters it. */
export function StageCard({ stage, triggers, rules, names, onAdd, onEdit, onToggle, onDelete }: StageCardProps) {
  const { t } = useTranslation();
  const name = stageName(t, stage);
  const headingId = `automation-stage-${stage.id}`;
  const onlyIf = (text: string) => (text ? t('automation.section.onlyIf', { condition: text }) : '');

  return (
    <section className="card automation-stage" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        <span className="automation-stage-dot" style={{ background: stage.color }} aria-hidden="true" />
        {name}
      </h2>
      <div className="automation-stage-columns">
        <div>
          <h3>{t('automation.section.triggers')}</h3>
          <p className="muted">{t('automation.section.triggersLead', { stage: name })}</p>
          {triggers.length === 0 ? (
            <p className="automation-empty">{t('automation.section.noTriggers')}</p>
          ) : (
            <ul className="automation-entries">
              {triggers.map((trigger) => {
                const command: EntryCommand = { kind: 'trigger', entry: trigger };
                const condition = conditionSummary(t, trigger.condition, names);
                return (
                  <EntryRow
                    key={trigger.id}
                    kind="trigger"
                    title={triggerTitle(t, trigger)}
                    details={[trigger.name ? t(`automation.events.${trigger.event}`) : '', trigger.event === 'conditionMet' ? condition : onlyIf(condition)]}
                    enabled={trigger.enabled}
                    onEdit={() => onEdit(command)}
                    onToggle={() => onToggle(command)}
                    onDelete={() => onDelete(command)}
                  />
                );
              })}
            </ul>
          )}
          <button type="button" className="button button-small" aria-haspopup="dialog" aria-label={t('automation.section.addTriggerTo', { stage: name })} onClick={() => onAdd('trigger', stage)}>
            {t('automation.section.addTrigger')}
          </button>
        </div>
        <div>
          <h3>{t('automation.section.rules')}</h3>
          <p className="muted">{t('automation.section.rulesLead')}</p>
          {rules.length === 0 ? (
            <p className="automation-empty">{t('automation.section.noRules')}</p>
          ) : (
            <ol className="automation-entries">
              {rules.map((rule) => {
                const command: EntryCommand = { kind: 'rule', entry: rule };
                return (
                  <EntryRow
                    key={rule.id}
                    kind="rule"
                    title={ruleTitle(t, rule, names)}
                    details={[rule.name ? actionSummary(t, rule.action, names) : '', timingSummary(t, rule.timing), onlyIf(conditionSummary(t, rule.condition, names))]}
                    enabled={rule.enabled}
                    onEdit={() => onEdit(command)}
                    onToggle={() => onToggle(command)}
                    onDelete={() => onDelete(command)}
                  />
                );
              })}
            </ol>
          )}
          <button type="button" className="button button-small" aria-haspopup="dialog" aria-label={t('automation.section.addRuleTo', { stage: name })} onClick={() => onAdd('rule', stage)}>
            {t('automation.section.addRule')}
          </button>
        </div>
      </div>
    </section>
  );
}
