-- Inter-expert agreement over the checked expert rows: exact agreement of each pair of experts, how
-- often all three agree, and how often they differ by more than one grade.
SELECT
    count(*)                                                              AS n_pairs,
    avg((expert_1 = expert_2)::INT)                                       AS agree_1_2,
    avg((expert_1 = expert_3)::INT)                                       AS agree_1_3,
    avg((expert_2 = expert_3)::INT)                                       AS agree_2_3,
    avg((expert_1 = expert_2 AND expert_2 = expert_3)::INT)               AS unanimous,
    avg((greatest(expert_1, expert_2, expert_3) - least(expert_1, expert_2, expert_3) > 1)::INT) AS spread_over_1
FROM stg_expert_annotations
