/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pilote-chart-bars.h"
#include "pilote-chart-donut.h"
#include "pilote-chart-funnel.h"
#include "pilote-chart-gauge.h"
#include "pilote-chart-line.h"
#include "pilote-chart-scale.h"
#include "pilote-chart-sparkline.h"
#include "pilote-chart-style.h"
#include "pilote-chart-types.h"
