-- The registry, newest first, with each model's headline figures (out of fold: caption-disjoint, seed means).
SELECT m.model_version, m.kind, m.created_at, m.is_challenger, m.is_champion, m.is_pinned, m.decision,
       max(CASE WHEN x.metric = 'oof_clean_expert_tau_c' THEN x.value END) AS oof_clean_expert_tau_c,
       max(CASE WHEN x.metric = 'oof_clean_crowd_tau_b' THEN x.value END) AS oof_clean_crowd_tau_b,
       max(CASE WHEN x.metric = 'oof_clean_MRR' THEN x.value END) AS oof_clean_mrr,
       max(CASE WHEN x.metric = 'test_R@1' THEN x.value END) AS test_r1,
       max(CASE WHEN x.metric = 'test_R@10' THEN x.value END) AS test_r10
FROM models AS m
LEFT JOIN metrics AS x USING (model_version)
GROUP BY ALL
ORDER BY m.created_at DESC, m.kind
